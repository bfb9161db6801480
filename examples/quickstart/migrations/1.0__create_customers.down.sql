DROP TABLE orders;
DROP TABLE customer;
