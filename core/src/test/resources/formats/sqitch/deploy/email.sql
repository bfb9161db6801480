-- Deploy blog:email
-- requires: users

BEGIN;

ALTER TABLE users ADD COLUMN email VARCHAR(200);

COMMIT;
