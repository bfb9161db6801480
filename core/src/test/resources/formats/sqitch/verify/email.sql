-- Verify blog:email

BEGIN;

SELECT email FROM users WHERE 1 = 0;

ROLLBACK;
