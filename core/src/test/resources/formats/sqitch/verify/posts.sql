-- Verify blog:posts

BEGIN;

SELECT id, user_id, title FROM posts WHERE 1 = 0;

ROLLBACK;
