-- Modify "users" table
ALTER TABLE users ADD COLUMN email VARCHAR(200);
