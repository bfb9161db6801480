package dev.dbshift.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The test databases one test started, dropped after it: register with
 * {@code @RegisterExtension final TestDatabases databases = new TestDatabases();} and call
 * {@link #start}. One place for what every integration test class otherwise writes again.
 */
public final class TestDatabases implements AfterEachCallback {
    private final List<TestDatabase> started = new ArrayList<>();

    /** A fresh, empty database of {@code vendor}, dropped when the test ends. */
    public TestDatabase start(TestDatabase.Vendor vendor) {
        TestDatabase db = TestDatabase.create(vendor);
        started.add(db);
        return db;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            started.forEach(TestDatabase::close);
        } finally {
            started.clear();
        }
    }
}
