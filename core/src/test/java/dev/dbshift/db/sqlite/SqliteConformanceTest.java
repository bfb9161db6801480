package dev.dbshift.db.sqlite;

import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.conformance.DatabaseConformanceKit;

/** The Database conformance kit on Sqlite. */
@Pure
class SqliteConformanceTest extends DatabaseConformanceKit {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Vendor.SQLITE);
    }
}
