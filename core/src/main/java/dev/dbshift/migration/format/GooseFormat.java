package dev.dbshift.migration.format;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose ({@code pressly/goose}): {@code {version}_{name}.sql}, the version a positive number (sequential
 * {@code 00001} or a timestamp {@code 20240101120000}), the file holding {@code -- +goose Up}, optionally
 * {@code -- +goose Down}, {@code -- +goose StatementBegin}/{@code StatementEnd} around a statement sent
 * whole, and {@code -- +goose NO TRANSACTION} for the file. Annotations are read as goose documents them:
 * case-insensitive, at the start of their own line.
 *
 * <p>Refused with a message naming the file: goose's Go migrations ({@code 00002_add.go}; there is no Go
 * to run them here), and {@code -- +goose ENVSUB ON/OFF} (goose substitutes environment variables there;
 * dbshift's placeholders {@code ${name}} come from dbshift.toml, {@code -p} or
 * {@code DBSHIFT_PLACEHOLDER_NAME}, so a silent mismatch is worse than asking).
 *
 * <p>foreignId: {@code goose:<version>}, the number goose writes to {@code goose_db_version.version_id}
 * (leading zeros dropped).
 */
public final class GooseFormat extends SingleFileFormat {
    private static final Pattern NAME = Pattern.compile("([0-9]+)_.*\\.sql");
    private static final Pattern GO = Pattern.compile("[0-9]+_.*\\.go");
    private static final Pattern ANNOTATION = Pattern.compile("--\\s*\\+goose\\s+(.*)", Pattern.CASE_INSENSITIVE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final MarkedText.Syntax SYNTAX = new MarkedText.Syntax() {
        @Override
        public MarkedText.Marker classify(String line) {
            if (!line.startsWith("--")) {
                return null;
            }
            Matcher m = ANNOTATION.matcher(line.stripTrailing());
            if (!m.matches()) {
                return null;
            }
            String command = m.group(1).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            return switch (command) {
                case "up" -> MarkedText.Marker.of(MarkedText.Kind.UP);
                case "down" -> MarkedText.Marker.of(MarkedText.Kind.DOWN);
                case "statementbegin" -> MarkedText.Marker.of(MarkedText.Kind.BEGIN);
                case "statementend" -> MarkedText.Marker.of(MarkedText.Kind.END);
                case "no transaction" -> MarkedText.Marker.of(MarkedText.Kind.FILE_NO_TRANSACTION);
                case "envsub on", "envsub off" -> MarkedText.Marker.bad("'" + line.strip() + "': goose's environment"
                        + " substitution is not read by dbshift; remove the annotation and give the values as dbshift"
                        + " placeholders ${name} (dbshift.toml [placeholders], -p name=value or DBSHIFT_PLACEHOLDER_NAME)");
                default -> MarkedText.Marker.bad("'" + line.strip() + "' is not a goose annotation (known: Up, Down,"
                        + " StatementBegin, StatementEnd, NO TRANSACTION)");
            };
        }

        @Override
        public String upMarker() {
            return "-- +goose Up";
        }
    };

    public GooseFormat() {
        super("goose", SYNTAX, NAME, "{version}_{name}.sql with a version from 1 to " + Long.MAX_VALUE
                + " (e.g. 00001_create_users.sql or 20240101120000_create_users.sql)");
    }

    @Override
    String versionDigits(String fileName) {
        String digits = super.versionDigits(fileName);
        if (digits == null) {
            return null;
        }
        BigInteger v = new BigInteger(digits);
        return v.signum() > 0 && v.compareTo(MAX) <= 0 ? digits : null;
    }

    @Override
    String foreignId(String fileName, String digits) {
        return new BigInteger(digits).toString();
    }

    @Override
    String otherFile(String display, String fileName) {
        if (GO.matcher(fileName).matches() && !fileName.endsWith("_test.go")) {
            return display + ": a goose Go migration; dbshift runs SQL migrations only: rewrite it as"
                    + " {version}_{name}.sql with -- +goose Up/Down, or keep running it with goose";
        }
        return null;
    }

    @Override
    boolean toolFile(String fileName) {
        return GO.matcher(fileName).matches() && !fileName.endsWith("_test.go");
    }
}
