INSERT INTO item (id, name) VALUES (1, 'first');
