package dev.dbshift.migration.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate ({@code amacneil/dbmate}): {@code {version}_{name}.sql}, the version the digits before the first
 * {@code _} (a timestamp such as {@code 20151129054053} by default), the file holding {@code -- migrate:up}
 * and optionally {@code -- migrate:down}; {@code transaction:false} after either marker runs that part
 * outside a transaction. dbmate sends a part as one multi-statement request; dbshift splits it the way the
 * database's own client would, which gives the same result for any script the client accepts and lets
 * progress and resume work per statement.
 *
 * <p>foreignId: {@code dbmate:<version>}, the version exactly as written in the file name (dbmate stores
 * that string in {@code schema_migrations.version}, leading zeros included).
 */
public final class DbmateFormat extends SingleFileFormat {
    private static final Pattern NAME = Pattern.compile("([0-9]+)_.*\\.sql");
    private static final Pattern MARKER = Pattern.compile("--\\s*migrate:(up|down)(\\s.*)?", Pattern.CASE_INSENSITIVE);

    public DbmateFormat() {
        super("dbmate", SYNTAX, NAME, "{version}_{name}.sql (e.g. 20240101120000_create_users.sql)");
    }

    private static final MarkedText.Syntax SYNTAX = new MarkedText.Syntax() {
        @Override
        public MarkedText.Marker classify(String line) {
            Matcher m = MARKER.matcher(line.strip());
            if (!m.matches()) {
                return null;
            }
            MarkedText.Kind kind = m.group(1).equalsIgnoreCase("up") ? MarkedText.Kind.UP : MarkedText.Kind.DOWN;
            boolean noTransaction = false;
            String options = m.group(2) == null ? "" : m.group(2).strip();
            for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
                switch (option.toLowerCase(Locale.ROOT)) {
                    case "transaction:false" -> noTransaction = true;
                    case "transaction:true" -> noTransaction = false;
                    default -> {
                        return MarkedText.Marker.bad("'" + option + "' is not a dbmate option (known: transaction:false,"
                                + " transaction:true)");
                    }
                }
            }
            return new MarkedText.Marker(kind, noTransaction, null);
        }

        @Override
        public String upMarker() {
            return "-- migrate:up";
        }
    };

    @Override
    String foreignId(String fileName, String digits) {
        return digits;
    }
}
