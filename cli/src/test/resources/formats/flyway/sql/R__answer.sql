create or replace view answer as select 42 as n;
