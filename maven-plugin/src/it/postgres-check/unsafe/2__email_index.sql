-- an index on a table the application writes: without CONCURRENTLY it blocks every write while it builds
CREATE INDEX accounts_email ON accounts (email);
