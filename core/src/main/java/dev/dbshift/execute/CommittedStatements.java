package dev.dbshift.execute;

import dev.dbshift.db.Database;
import dev.dbshift.sql.SessionStatements;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementEffect;
import dev.dbshift.sql.StatementKind;
import dev.dbshift.sql.StatementWords;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements a Java migration ran that may have committed: what stays when it fails part way. Outside a
 * transaction (MariaDB and H2 commit each statement) that is every statement that changes something; in dbshift's
 * transaction (PostgreSQL, SQLite) it is what the migration committed itself, which the step's rollback cannot undo.
 * A script's statements are known before they run and marked as they commit, so a failed script resumes after them;
 * Java code is not, and cannot be run from its middle. Without this, the next {@code up} ran the
 * migration from its start over what had committed (a seed row inserted twice, a table created twice).
 *
 * <p>The migration gets a connection that sees each statement go by (JDBC's {@code Statement},
 * {@code PreparedStatement} and {@code CallableStatement}, batches included) and keeps those that completed and could
 * have committed:
 * <ul>
 *   <li>a statement that is harmless to run again ({@link StatementEffect.Harmless}: a query, {@code SET}, a
 *       {@code CREATE ... IF NOT EXISTS}; or a session setting such as SQLite's {@code PRAGMA foreign_keys}) is not
 *       kept: running the migration again from its start repeats it harmlessly;</li>
 *   <li>inside a transaction (autocommit off, or {@code BEGIN} sent as SQL) a statement waits for its
 *       {@code COMMIT}, and a {@code ROLLBACK} drops it, where the database rolls DDL back; where it does not
 *       (MySQL, MariaDB, H2), only what rolls back with a progress mark waits ({@link Database#sharesTransactionWithMark}:
 *       row changes, but not where tables keep rows through a rollback, as MyISAM: those count as committed), and
 *       anything else commits what waited, as the server does; a statement that writes outside the transaction
 *       (PostgreSQL's {@code dblink_exec}: {@link Database#writesOutsideTransaction}) counts as committed too, and the
 *       transaction, with the mark in it, commits before it runs;</li>
 *   <li>a statement that failed is not kept (as for a script's failed statement), except a batch, whose earlier
 *       rows may have committed.</li>
 * </ul>
 * A statement run through a connection the migration unwrapped or opened itself is not seen. The connection is also
 * the driver's own public interfaces ({@code PGConnection}, {@code BaseConnection}), so code that casts it runs; a
 * call of one of their methods ({@code getCopyAPI()}, then a {@code COPY}) counts as a statement that may change
 * something, whose text is not known.
 */
final class CommittedStatements {
    private final Database database;
    private final List<String> committed = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    /** The driver's own methods called so far: each counts once (a COPY calls several of them). */
    private final Set<String> driverCalls = new java.util.HashSet<>();
    /** Run once, before the first statement that may change something: the mark that the migration has begun to. */
    private final FirstChange firstChange;
    private boolean changing;
    /**
     * True once the mark that the migration began to change the database has committed: a kill after it leaves the run
     * undecided. Until then it waits in the migration's transaction, and a kill rolls it back with the rows there.
     */
    private boolean markCommitted;
    /** Asked of another schema a row change names ({@code INSERT INTO other.log}) whether its rows may stay. */
    private final CommitPoints.OtherSchemas others;
    /** Autocommit as the migration set it. */
    private boolean autoCommit;
    /** A transaction the migration opened with SQL ({@code BEGIN}, {@code START TRANSACTION}). */
    private boolean sqlTransaction;

    /** What runs before the migration's first statement that may change something. */
    @FunctionalInterface
    interface FirstChange {
        /**
         * @param inSqlTransaction inside a transaction the migration opened with SQL, which the mark must join
         * @param commitIt         commit the mark before the statement runs (a row change whose rows stay through a
         *                         rollback: a kill after it must find the mark, not a run that changed nothing)
         */
        void before(boolean inSqlTransaction, boolean commitIt) throws java.sql.SQLException;
    }

    /**
     * True when row changes may land in a table that keeps them through a rollback (MySQL's MyISAM: {@link RowsThatStay},
     * or a statement seen that may have made one): they then count as committed when they complete, and what was
     * waiting keeps waiting (a MyISAM row counted as rolled back with the transaction was written again by the next up).
     */
    private boolean rowsMayStay;

    CommittedStatements(Database database, boolean autoCommit, boolean rowsMayStay, CommitPoints.OtherSchemas others,
                        FirstChange firstChange) {
        this.database = database;
        this.autoCommit = autoCommit;
        this.rowsMayStay = rowsMayStay;
        this.others = others;
        this.firstChange = firstChange;
    }

    /** The statements that completed and may have committed, in the order they ran. */
    List<String> committed() {
        return List.copyOf(committed);
    }

    /**
     * {@code connection} as the migration is to see it: also as the driver's own public interfaces, so a migration
     * written for Flyway that casts it ({@code new CopyManager((BaseConnection) connection)}) runs as it did there.
     */
    Connection wrap(Connection connection) {
        Connection[] self = new Connection[1];
        self[0] = (Connection) proxy(connection, Connection.class,
                (proxy, method, args) -> onConnection(connection, self[0], method, args));
        return self[0];
    }

    /**
     * A proxy of {@code target} as {@code type} and every public interface of the driver's class ({@code PGConnection},
     * {@code PGStatement}), {@code type} first, so a method it declares is dispatched as {@code type}'s.
     */
    private static Object proxy(Object target, Class<?> type, java.lang.reflect.InvocationHandler handler) {
        Set<Class<?>> types = new LinkedHashSet<>();
        types.add(type);
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            publicInterfaces(c, types);
        }
        ClassLoader loader = target.getClass().getClassLoader() != null ? target.getClass().getClassLoader()
                : Connection.class.getClassLoader();
        try {
            return Proxy.newProxyInstance(loader, types.toArray(Class<?>[]::new), handler);
        } catch (IllegalArgumentException clash) {
            // interfaces a proxy cannot join (two methods alike but for their result, one out of the loader's sight)
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }

    private static void publicInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (Modifier.isPublic(i.getModifiers())) {
                into.add(i);
            }
            publicInterfaces(i, into);
        }
    }

    /**
     * A method of the driver's own ({@code PGConnection.getCopyAPI()}, {@code BaseConnection.execSQLUpdate}): what it
     * runs is not seen, so it counts as a statement that may change something, as the statement JDBC would run.
     */
    private static boolean driversOwn(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        return declaring != Connection.class && declaring != java.sql.Wrapper.class && declaring != AutoCloseable.class
                && declaring != Object.class;
    }

    private Object onConnection(Connection connection, Connection proxy, Method method, Object[] args) throws Throwable {
        if (driversOwn(method) && driverCalls.add(method.getDeclaringClass().getName() + "." + method.getName())) {
            Seen unseen = new Seen("-- " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + "(), a call of the driver's own: what it ran is not seen", List.of(), StatementKind.OTHER, false,
                    database.supportsTransactionalDdl(), false);
            before(unseen, connection);
            Object result = invoke(connection, method, args);
            ran(unseen);
            return result;
        }
        Object result = invoke(connection, method, args);
        switch (method.getName()) {
            case "createStatement" -> {
                return statement(Statement.class, (Statement) result, proxy, null);
            }
            case "prepareStatement" -> {
                return statement(PreparedStatement.class, (Statement) result, proxy, (String) args[0]);
            }
            case "prepareCall" -> {
                return statement(CallableStatement.class, (Statement) result, proxy, (String) args[0]);
            }
            case "commit" -> commit();
            case "rollback" -> {
                if (args == null || args.length == 0) {
                    rolledBack(); // to a savepoint: which statements it undid is not known, so they stay
                }
            }
            case "setAutoCommit" -> {
                boolean on = (Boolean) args[0];
                if (on && !autoCommit) {
                    commit(); // JDBC: switching autocommit on commits the transaction
                }
                autoCommit = on;
            }
            default -> {
                // nothing else runs a statement
            }
        }
        return result;
    }

    private <T extends Statement> Statement statement(Class<T> type, Statement statement, Connection proxy, String prepared)
            throws java.sql.SQLException {
        List<Seen> batch = new ArrayList<>();
        Seen seen = read(prepared); // once: a data migration runs one prepared INSERT per row
        return type.cast(proxy(statement, type, (p, method, args) -> onStatement(statement, proxy, seen, batch, method, args)));
    }

    private Object onStatement(Statement statement, Connection proxy, Seen prepared, List<Seen> batch, Method method,
                               Object[] args) throws Throwable {
        String name = method.getName();
        boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
        switch (name) {
            case "getConnection" -> {
                return proxy;
            }
            case "addBatch" -> {
                Object r = invoke(statement, method, args);
                batch.add(withSql ? read((String) args[0]) : prepared);
                return r;
            }
            case "clearBatch" -> {
                Object r = invoke(statement, method, args);
                batch.clear();
                return r;
            }
            case "executeBatch", "executeLargeBatch" -> {
                List<Seen> ran = new ArrayList<>(batch);
                batch.clear();
                for (Seen seen : ran) {
                    before(seen, statement.getConnection());
                }
                try {
                    Object r = invoke(statement, method, args);
                    ran.forEach(this::ran);
                    return r;
                } catch (BatchUpdateException e) {
                    // autocommit: the rows before the one that failed may have committed
                    ran.forEach(this::ran);
                    throw e;
                }
            }
            case "execute", "executeUpdate", "executeLargeUpdate", "executeQuery" -> {
                Seen seen = withSql ? read((String) args[0]) : prepared;
                before(seen, statement.getConnection());
                Object r = invoke(statement, method, args);
                ran(seen);
                return r;
            }
            default -> {
                return invoke(statement, method, args);
            }
        }
    }

    /**
     * A statement as this reads it: its words and kind, whether running it again from the start is harmless, whether in
     * a transaction it waits for the commit (else it commits what waited), and whether it is a row change kept through
     * a rollback (it neither waits nor commits what waited).
     */
    private record Seen(String sql, List<String> words, StatementKind kind, boolean harmless, boolean waits, boolean stays) {
    }

    /** How this reads {@code sql} (null: none), by the database's rules, as a script's statement is read. */
    private Seen read(String sql) throws java.sql.SQLException {
        if (sql == null) {
            return null;
        }
        List<String> words = StatementWords.of(sql, database.scriptDialect().lexicalForWords(), SqlStatement.ALONE_WORDS);
        SqlStatement st = SqlStatement.alone(sql, database.scriptDialect(), words);
        // what writes outside the transaction (PostgreSQL's SELECT dblink_exec(...)) is no query to run again, and stays
        boolean outside = others.writesOutside(database, st).isPresent();
        // a session setting (SQLite's PRAGMA foreign_keys) is made again by a run from the start
        boolean harmless = !outside && (st.kind() == StatementKind.TRANSACTION_CONTROL
                || StatementEffect.of(sql) instanceof StatementEffect.Harmless
                || database.scriptDialect().sessionEffect(sql) != SessionStatements.Effect.NONE);
        boolean rowChange = database.sharesTransactionWithMark(st);
        boolean stays = outside
                || rowChange && !database.supportsTransactionalDdl() && (rowsMayStay || others.namedBy(database, sql));
        rowsMayStay |= database.mayMakeTableThatKeepsRows(st) || others.namedByCodeMadeBy(database, sql);
        return new Seen(sql, words, st.kind(), harmless, !stays && (database.supportsTransactionalDdl() || rowChange), stays);
    }

    /**
     * A statement about to run on {@code connection} (the driver's): the first that may change something is marked
     * before it runs. A row change whose rows stay through a rollback runs only after the mark has committed: before, a
     * kill after a MyISAM row rolled the mark back with the transaction, and the next up ran the migration again over
     * the row (two rows for one INSERT). Where the mark waits in the transaction with rows written before, those commit
     * with it, as a schema change would commit them; a transaction the migration opened with SQL ({@code BEGIN}) ends
     * so too.
     */
    private void before(Seen seen, Connection connection) throws java.sql.SQLException {
        if (seen == null || seen.harmless()) {
            return;
        }
        boolean alone = seen.stays() && (sqlTransaction || !autoCommit);
        if (alone && sqlTransaction) {
            // only the end of a transaction the migration opened with SQL commits a mark written in it: a kill after the
            // row rolled the mark back and left the row, and the next up ran the migration again (two rows for one
            // INSERT). It ends here, as a schema change there would end it (the server commits before one)
            try (Statement st = connection.createStatement()) {
                st.execute("COMMIT");
            }
            commit();
        }
        if (!changing) {
            changing = true;
            firstChange.before(sqlTransaction, alone);
            markCommitted = alone || autoCommit && !sqlTransaction;
        } else if (alone && !markCommitted) {
            connection.commit();
            commit();
        }
    }

    /** A statement completed. */
    private void ran(Seen s) {
        if (s == null) {
            return;
        }
        if (s.kind() == StatementKind.TRANSACTION_CONTROL) {
            String first = s.words().get(0);
            List<String> words = s.words();
            if (first.equals("BEGIN") || first.equals("START")) {
                sqlTransaction = true;
            } else if (first.equals("COMMIT") || first.equals("END")) {
                commit();
            } else if ((first.equals("ROLLBACK") || first.equals("ABORT")) && !(words.size() > 1 && words.get(1).equals("TO"))) {
                rolledBack();
            }
            return;
        }
        if (s.harmless()) {
            return;
        }
        boolean inTransaction = sqlTransaction || !autoCommit;
        if (!inTransaction) {
            committed.add(s.sql());
        } else if (s.waits()) {
            pending.add(s.sql());
        } else if (s.stays()) {
            committed.add(s.sql()); // kept through a rollback; the transaction stays open for what waits in it
        } else {
            commit(); // MySQL, MariaDB and H2 commit the open transaction before a schema change (or a block)
            committed.add(s.sql());
        }
    }

    /** A transaction was rolled back: its statements, and a mark written in it, are undone. */
    private void rolledBack() {
        pending.clear();
        sqlTransaction = false;
        if (committed.isEmpty()) {
            changing = false; // the mark rolled back with them (where it was not committed on its own): write it again
        }
    }

    private void commit() {
        committed.addAll(pending);
        pending.clear();
        sqlTransaction = false;
        markCommitted |= changing;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * For messages: the statements on one line each, shortened, a statement repeated in a row (a prepared INSERT in a
     * loop) once with its count, at most {@code SHOWN} lines.
     */
    static String list(List<String> statements) {
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (int i = 0; i < statements.size(); ) {
            int j = i;
            while (j < statements.size() && statements.get(j).equals(statements.get(i))) {
                j++;
            }
            if (lines++ == SHOWN) {
                out.append("\n    ... and ").append(statements.size() - i).append(" more");
                break;
            }
            out.append("\n    ").append(StatementFailure.abbreviate(statements.get(i))).append(j - i > 1 ? " (" + (j - i) + " times)" : "");
            i = j;
        }
        return out.toString();
    }

    private static final int SHOWN = 10;
}
