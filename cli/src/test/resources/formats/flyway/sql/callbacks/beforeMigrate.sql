create table if not exists audit_log (event varchar(20));
