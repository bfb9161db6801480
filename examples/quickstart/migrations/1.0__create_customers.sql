-- Customers and their orders.
CREATE TABLE customer (
    id          INTEGER      NOT NULL PRIMARY KEY,
    email       VARCHAR(200) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE orders (
    id           INTEGER       NOT NULL PRIMARY KEY,
    customer_id  INTEGER       NOT NULL REFERENCES customer (id),
    total        DECIMAL(10,2) NOT NULL,
    status       VARCHAR(20)   DEFAULT 'new' NOT NULL
);
