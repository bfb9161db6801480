package dev.dbshift.db.mysql.lint;

import dev.dbshift.lint.LintMigration.ServerFacts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server a migration will run on, as far as its version string tells: MariaDB ({@code 11.4.5-MariaDB}) or
 * MySQL ({@code 8.0.36}), and the version. What runs INSTANT, INPLACE or COPY differs between the two and between
 * their releases; rules ask {@link #atLeast} against the release that brought a feature.
 *
 * @param mariaDb true for MariaDB
 * @param major   e.g. 10 of 10.11.6
 * @param minor   e.g. 11
 * @param patch   e.g. 6
 */
record MySqlServer(boolean mariaDb, int major, int minor, int patch) {
    private static final Pattern VERSION = Pattern.compile("^(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** The server of the facts, when their version is known and reads as a version. */
    static Optional<MySqlServer> of(ServerFacts facts) {
        return facts.version().flatMap(MySqlServer::parse);
    }

    static Optional<MySqlServer> parse(String version) {
        Matcher m = VERSION.matcher(version.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new MySqlServer(version.toLowerCase(java.util.Locale.ROOT).contains("mariadb"),
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /** True when this is at least {@code major.minor.patch} of its own product (MySQL or MariaDB). */
    boolean atLeast(int major, int minor, int patch) {
        if (this.major != major) {
            return this.major > major;
        }
        if (this.minor != minor) {
            return this.minor > minor;
        }
        return this.patch >= patch;
    }

    /** True when this is MySQL at least {@code mysql} (x.y.z) or MariaDB at least {@code mariaDb} (x.y.z). */
    boolean atLeast(int[] mysql, int[] mariaDb) {
        int[] v = this.mariaDb ? mariaDb : mysql;
        return atLeast(v[0], v[1], v[2]);
    }

    @Override
    public String toString() {
        return (mariaDb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }
}
