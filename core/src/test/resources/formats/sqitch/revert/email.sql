-- Revert blog:email

BEGIN;

ALTER TABLE users DROP COLUMN email;

COMMIT;
