INSERT INTO person (name) VALUES ('Ada');
INSERT INTO no_such_table (name) VALUES ('Bob');
