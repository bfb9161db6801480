-- Verify blog:users

BEGIN;

SELECT id, name FROM users WHERE 1 = 0;

ROLLBACK;
