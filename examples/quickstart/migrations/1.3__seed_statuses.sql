CREATE TABLE order_status (code VARCHAR(20) NOT NULL PRIMARY KEY, label VARCHAR(100) NOT NULL);
INSERT INTO order_status (code, label) VALUES ('new', 'New');
INSERT INTO order_status (code, label) VALUES ('paid', 'Paid');
INSERT INTO order_status (code, label) VALUES ('shipped', 'Shipped');
