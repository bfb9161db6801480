DROP INDEX ix_orders_status;
DROP INDEX ux_customer_email;
