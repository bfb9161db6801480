-- dbshift:online
ALTER TABLE person ADD COLUMN nick VARCHAR(20) NULL;
