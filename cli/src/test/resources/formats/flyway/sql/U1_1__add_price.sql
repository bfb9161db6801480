alter table items drop column price;
