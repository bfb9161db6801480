CREATE UNIQUE INDEX ux_customer_email ON customer (email);
CREATE INDEX ix_orders_status ON orders (status);
