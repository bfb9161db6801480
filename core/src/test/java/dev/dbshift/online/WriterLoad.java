package dev.dbshift.online;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application writers for the proof tests: each thread owns the keys {@code id % threads == i},
 * inserts, updates (values and primary keys) and deletes them with autocommit, and keeps the
 * model of what its acknowledged writes imply. The table must end up equal to the union of the
 * models: no lost, duplicated or resurrected row.
 */
final class WriterLoad implements AutoCloseable {

    record Row(long grp, String name, BigDecimal amount) {
    }

    static final String TABLE_DDL = "CREATE TABLE items (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, grp INT NOT NULL, "
            + "name VARCHAR(40) NULL, amount DECIMAL(10,2) NOT NULL, note VARCHAR(100) NULL, KEY idx_grp (grp)) ENGINE=InnoDB";

    private final dev.dbshift.testing.TestDatabase db;
    private final int threads;
    private final List<Map<Long, Row>> models = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong ops = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    WriterLoad(dev.dbshift.testing.TestDatabase db, int threads) {
        this.db = db;
        this.threads = threads;
        for (int i = 0; i < threads; i++) {
            models.add(new HashMap<>());
        }
    }

    /** Creates {@code items} with {@code rows} rows, ids 1..rows. */
    void seed(int rows) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String ddl : OnlineVendor.of(db).itemsDdl()) {
                st.execute(ddl);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, grp, name, amount, note) VALUES (?, ?, ?, ?, ?)")) {
                for (long id = 1; id <= rows; id++) {
                    Row r = new Row(id % 97, "n" + id, BigDecimal.valueOf(id % 1000, 2).setScale(2));
                    ps.setLong(1, id);
                    ps.setLong(2, r.grp());
                    ps.setString(3, r.name());
                    ps.setBigDecimal(4, r.amount());
                    ps.setString(5, "seed");
                    ps.addBatch();
                    models.get((int) (id % threads)).put(id, r);
                    if (id % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    void start() {
        for (int i = 0; i < threads; i++) {
            int me = i;
            Thread t = new Thread(() -> loop(me), "writer-" + i);
            t.setDaemon(true);
            running.add(t);
            t.start();
        }
    }

    private void loop(int me) {
        Map<Long, Row> model = models.get(me);
        List<Long> keys = new ArrayList<>(model.keySet());
        long next = 10_000_000L + me;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try (Connection c = db.connect()) {
            PreparedStatement ins = c.prepareStatement("INSERT INTO items (id, grp, name, amount) VALUES (?, ?, ?, ?)");
            PreparedStatement upd = c.prepareStatement("UPDATE items SET name = ?, amount = ?, grp = ? WHERE id = ?");
            PreparedStatement move = c.prepareStatement("UPDATE items SET id = ? WHERE id = ?");
            PreparedStatement del = c.prepareStatement("DELETE FROM items WHERE id = ?");
            while (!stop.get()) {
                int op = rnd.nextInt(100);
                try {
                    if (op < 30 || keys.isEmpty()) {
                        long id = next;
                        next += threads;
                        Row r = new Row(rnd.nextInt(97), "i" + id, BigDecimal.valueOf(rnd.nextInt(100000), 2));
                        ins.setLong(1, id);
                        ins.setLong(2, r.grp());
                        ins.setString(3, r.name());
                        ins.setBigDecimal(4, r.amount());
                        ins.executeUpdate();
                        model.put(id, r);
                        keys.add(id);
                    } else {
                        int at = rnd.nextInt(keys.size());
                        long id = keys.get(at);
                        if (op < 65) {
                            Row r = new Row(rnd.nextInt(97), rnd.nextInt(10) == 0 ? null : "u" + rnd.nextInt(1_000_000),
                                    BigDecimal.valueOf(rnd.nextInt(100000), 2));
                            upd.setString(1, r.name());
                            upd.setBigDecimal(2, r.amount());
                            upd.setLong(3, r.grp());
                            upd.setLong(4, id);
                            check(upd.executeUpdate(), id);
                            model.put(id, r);
                        } else if (op < 80) {
                            long to = next;
                            next += threads;
                            move.setLong(1, to);
                            move.setLong(2, id);
                            check(move.executeUpdate(), id);
                            model.put(to, model.remove(id));
                            keys.set(at, to);
                        } else {
                            del.setLong(1, id);
                            check(del.executeUpdate(), id);
                            model.remove(id);
                            keys.set(at, keys.get(keys.size() - 1));
                            keys.remove(keys.size() - 1);
                        }
                    }
                    ops.incrementAndGet();
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    errors.add(e);
                    return; // the outcome of this write is unknown: the model can no longer be trusted
                }
            }
        } catch (SQLException | RuntimeException e) {
            errors.add(e);
        }
    }

    private static void check(int updated, long id) {
        if (updated != 1) {
            throw new IllegalStateException("write to own key " + id + " affected " + updated + " rows");
        }
    }

    /** Stops the writers and waits for them. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : running) {
            t.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    Map<Long, Row> expected() {
        Map<Long, Row> all = new HashMap<>();
        models.forEach(all::putAll);
        return all;
    }

    static Map<Long, Row> actual(Connection c) throws SQLException {
        Map<Long, Row> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, grp, name, amount FROM items")) {
            while (rs.next()) {
                Row prev = out.put(rs.getLong(1), new Row(rs.getLong(2), rs.getString(3), rs.getBigDecimal(4)));
                if (prev != null) {
                    throw new IllegalStateException("duplicate id " + rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** No writer saw an error or a failed write, and the table holds exactly the acknowledged writes. */
    void assertExact(Connection c) throws SQLException {
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        org.assertj.core.api.Assertions.assertThat(failures.get()).isZero();
        org.assertj.core.api.Assertions.assertThat(differences(c)).isEmpty();
    }

    /** Differences between the table and the model, described (empty when equal). */
    List<String> differences(Connection c) throws SQLException {
        Map<Long, Row> exp = expected();
        Map<Long, Row> act = actual(c);
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Long, Row> e : exp.entrySet()) {
            Row a = act.get(e.getKey());
            if (a == null) {
                diffs.add("lost " + e.getKey());
            } else if (!same(a, e.getValue())) {
                diffs.add("wrong " + e.getKey() + ": " + a + " != " + e.getValue());
            }
        }
        for (Long id : act.keySet()) {
            if (!exp.containsKey(id)) {
                diffs.add("resurrected or unknown " + id);
            }
        }
        return diffs.size() > 20 ? diffs.subList(0, 20) : diffs;
    }

    private static boolean same(Row a, Row b) {
        return a.grp() == b.grp() && java.util.Objects.equals(a.name(), b.name()) && a.amount().compareTo(b.amount()) == 0;
    }
}
