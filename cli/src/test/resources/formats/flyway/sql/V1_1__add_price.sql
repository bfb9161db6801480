alter table items add price int;
