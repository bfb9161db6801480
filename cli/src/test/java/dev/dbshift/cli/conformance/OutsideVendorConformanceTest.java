package dev.dbshift.cli.conformance;

import dev.dbshift.testing.DatabaseUnderTest;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.conformance.DatabaseConformanceKit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Database conformance kit run from outside core, as a vendor with its own implementation runs it: only
 * core's test-jar (a test-scope dependency of this module) and a {@link DatabaseUnderTest} of its own making,
 * here a SQLite file in a temporary folder.
 */
@Pure
class OutsideVendorConformanceTest extends DatabaseConformanceKit {
    @Override
    protected DatabaseUnderTest newDatabase() {
        try {
            Path dir = Files.createTempDirectory("dbshift-kit");
            Path file = dir.resolve("kit.db");
            return new DatabaseUnderTest() {
                @Override
                public String url() {
                    return "jdbc:sqlite:" + file.toAbsolutePath();
                }

                @Override
                public String user() {
                    return "";
                }

                @Override
                public String password() {
                    return "";
                }

                @Override
                public void close() {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
