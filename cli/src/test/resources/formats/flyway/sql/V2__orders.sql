create table ${flyway:defaultSchema}.orders (
    id int primary key,
    item_id int,
    constraint orders_item foreign key (item_id) references items (id)
);
create index orders_by_item on orders (item_id);
