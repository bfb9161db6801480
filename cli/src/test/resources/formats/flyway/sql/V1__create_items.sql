-- items, labelled by the ${label} placeholder
create table items (
    id int primary key,
    name varchar(50) default '${label}'
);
