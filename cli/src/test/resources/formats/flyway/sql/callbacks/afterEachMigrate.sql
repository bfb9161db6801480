insert into audit_log (event) values ('each');
