package dev.dbshift.db.mysql;

import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.conformance.DatabaseConformanceKit;

/** The Database conformance kit on MariaDB. */
class MariaDbConformanceTest extends DatabaseConformanceKit {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Vendor.MARIADB);
    }
}
