--liquibase formatted sql

--changeset alice:1
--comment: the items
create table items (id int primary key, name varchar(50));
create index items_by_name on items (name);
--rollback drop table items;

--changeset alice:2 context:prod
create table prod_only (id int);
--rollback drop table prod_only;

--changeset bob:3 labels:billing endDelimiter:GO
create table tags (id int, item_id int)
GO
create index tags_by_item on tags (item_id)
GO
/* liquibase rollback
drop table tags;
*/
