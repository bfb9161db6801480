package dev.dbshift.db.h2;

import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.conformance.DatabaseConformanceKit;

/** The Database conformance kit on H2. */
@Pure
class H2ConformanceTest extends DatabaseConformanceKit {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Vendor.H2);
    }
}
