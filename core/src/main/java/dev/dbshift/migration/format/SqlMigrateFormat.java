package dev.dbshift.migration.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sql-migrate ({@code rubenv/sql-migrate}): {@code .sql} files holding {@code -- +migrate Up} and optionally
 * {@code -- +migrate Down}, either followed by {@code notransaction} to run that part outside a transaction,
 * and {@code -- +migrate StatementBegin}/{@code StatementEnd} around a statement sent whole. sql-migrate
 * orders files by the number their name starts with ({@code 1_init.sql}, {@code 20240101-users.sql});
 * dbshift needs that number as the version, so a name without one is a problem naming the file.
 *
 * <p>foreignId: {@code sql-migrate:<file name>}: sql-migrate records the migration's file name, not a version,
 * in {@code gorp_migrations.id}.
 */
public final class SqlMigrateFormat extends SingleFileFormat {
    private static final Pattern NAME = Pattern.compile("([0-9]+).*\\.sql");
    private static final Pattern COMMAND = Pattern.compile("--\\s*\\+migrate\\s+(\\S+)(.*)", Pattern.CASE_INSENSITIVE);

    public SqlMigrateFormat() {
        super("sql-migrate", SYNTAX, NAME,
                "a name starting with its number, e.g. 1_initial.sql (dbshift orders migrations by that number)");
    }

    private static final MarkedText.Syntax SYNTAX = new MarkedText.Syntax() {
        @Override
        public MarkedText.Marker classify(String line) {
            Matcher m = COMMAND.matcher(line.strip());
            if (!m.matches()) {
                return null;
            }
            String command = m.group(1).toLowerCase(Locale.ROOT);
            String options = m.group(2).strip();
            return switch (command) {
                case "up", "down" -> {
                    MarkedText.Kind kind = command.equals("up") ? MarkedText.Kind.UP : MarkedText.Kind.DOWN;
                    if (options.isEmpty()) {
                        yield MarkedText.Marker.of(kind);
                    }
                    yield options.equalsIgnoreCase("notransaction") ? new MarkedText.Marker(kind, true, null)
                            : MarkedText.Marker.bad("'" + options + "' is not a sql-migrate option (known: notransaction)");
                }
                case "statementbegin" -> MarkedText.Marker.of(MarkedText.Kind.BEGIN);
                case "statementend" -> MarkedText.Marker.of(MarkedText.Kind.END);
                default -> MarkedText.Marker.bad("'" + line.strip() + "' is not a sql-migrate command (known: Up, Down,"
                        + " StatementBegin, StatementEnd)");
            };
        }

        @Override
        public String upMarker() {
            return "-- +migrate Up";
        }
    };

    @Override
    String foreignId(String fileName, String digits) {
        return fileName;
    }
}
