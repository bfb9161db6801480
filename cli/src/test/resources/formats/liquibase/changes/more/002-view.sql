--liquibase formatted sql

--changeset carol:answer runOnChange:true
create or replace view answer as select 42 as n;
