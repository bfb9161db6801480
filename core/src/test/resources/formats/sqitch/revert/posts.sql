-- Revert blog:posts

BEGIN;

DROP TABLE posts;

COMMIT;
