DROP TABLE order_status;
