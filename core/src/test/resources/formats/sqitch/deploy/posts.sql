-- Deploy blog:posts
-- requires: users

BEGIN;

CREATE TABLE posts (
    id INTEGER NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

COMMIT;
