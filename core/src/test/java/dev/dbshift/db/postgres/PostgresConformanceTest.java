package dev.dbshift.db.postgres;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.conformance.DatabaseConformanceKit;

/** The Database conformance kit on Postgres. */
class PostgresConformanceTest extends DatabaseConformanceKit {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Vendor.POSTGRES);
    }
}
