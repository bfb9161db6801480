-- Seed data for developers only (dbshift -e dev up).
INSERT INTO customer (id, email, name) VALUES (1, 'ada@example.com', 'Ada Lovelace');
INSERT INTO customer (id, email, name) VALUES (2, 'alan@example.com', 'Alan Turing');
INSERT INTO orders (id, customer_id, total, status) VALUES (1, 1, 42.00, 'paid');
