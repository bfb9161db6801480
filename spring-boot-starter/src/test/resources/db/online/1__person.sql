CREATE TABLE person (id ${identity}, name VARCHAR(100) NOT NULL);
