-- a balance per account
ALTER TABLE accounts ADD COLUMN balance NUMERIC(12, 2);
UPDATE accounts SET no_such_column = 0;
