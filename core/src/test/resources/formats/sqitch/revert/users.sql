-- Revert blog:users

BEGIN;

DROP TABLE users;

COMMIT;
