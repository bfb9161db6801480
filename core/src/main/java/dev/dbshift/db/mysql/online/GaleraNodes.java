package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.GaleraAddresses;
import dev.dbshift.online.Connections;
import dev.dbshift.online.OnlineException;
import dev.dbshift.online.OnlineNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of the Galera cluster a change runs on, each reached at the client address it reports
 * ({@code wsrep_incoming_addresses}) with the run's credentials, to see that the DDL the change ran in
 * TOI took effect on every node: its tables and triggers, its swap, and at an abort the triggers' drop.
 *
 * <p>Why it cannot be taken on trust: a node's applier that fails a DDL statement logs "Ignoring error"
 * and goes on ({@code wsrep_ignore_apply_errors}, 7 by default: every DDL error is ignored), so a
 * trigger can be missing on one node while the node that ran it, and every other, has it. Seen on
 * MariaDB 10.11 with Galera 4, about once in four test runs under load: a node's applier failed a
 * synchronous trigger's CREATE with a syntax error blamed on another trigger's valid body; that node's
 * deletes then reached only the change log, and the swap lost them though the run reported success.
 * pt-table-checksum finds a cluster's nodes the same way.
 *
 * <p>Before the capture triggers exist, every node must have the change log and the shadow with this node's columns
 * ({@link #ensureTables}). A node that lacks a trigger is given it through its own connection ({@code CREATE TRIGGER IF NOT
 * EXISTS}, again in TOI: the nodes that have it do nothing), which never leaves any node without it; a
 * node still without it, or with another body under the name, fails the step, and the change is
 * abandoned with the node named. A node that reports no address ({@code AUTO}: the server could not
 * tell one, as with a loopback bind address) cannot be checked, so the change is refused before it
 * begins, with the setting that fixes it.
 */
final class GaleraNodes {

    private final Connections factory;
    private final String url;
    private final List<String> addresses;

    private GaleraNodes(Connections factory, String url, List<String> addresses) {
        this.factory = factory;
        this.url = url;
        this.addresses = addresses;
    }

    /** The cluster's nodes when {@code c} is on a Galera node, else empty; refused when a node reports no address. */
    static Optional<GaleraNodes> of(Connections factory, Connection c) throws SQLException {
        if (new MySqlInspector(c).clusterDdl().isEmpty()) {
            return Optional.empty();
        }
        List<String> addresses = addresses(GaleraAddresses.read(c));
        return Optional.of(new GaleraNodes(factory, c.getMetaData().getURL(), addresses));
    }

    /** The {@code host:port} of each node in {@code wsrep_incoming_addresses}; refused when one is unknown. */
    static List<String> addresses(GaleraAddresses reported) {
        if (!reported.allNamed()) {
            throw OnlineException.refused(reported.unnamedReason() + " (dbshift checks on every node that the triggers it"
                    + " creates there took effect: a node's applier ignores a DDL that fails on it, and its writes would then"
                    + " be lost)");
        }
        return reported.named();
    }

    /** The nodes' addresses, as they report them. */
    List<String> addresses() {
        return addresses;
    }

    /** Opens and closes a connection to every node; refused naming the first node this machine cannot reach. */
    void reachable() {
        for (String address : addresses) {
            try (Connection ignored = open(address)) {
                // reached
            } catch (SQLException e) {
                throw OnlineException.refused("cannot reach the Galera node " + address + " (wsrep_incoming_addresses)"
                        + " to check the triggers there: " + e.getMessage() + "; the change needs every node reachable"
                        + " from this machine with the same user");
            }
        }
    }

    /**
     * Sees that every node has the tables {@code tables} (the change log and the shadow the triggers will write into)
     * with the columns {@code origin} has, before any trigger is created: a node whose applier skipped a CREATE TABLE
     * (or met a table of that name already there: the CREATE says IF NOT EXISTS) would have every write to the table
     * fail once the triggers exist, or write where the copy does not look.
     *
     * @throws SQLException naming the node and the table
     */
    void ensureTables(Connection origin, String schema, List<String> tables) throws SQLException {
        MySqlInspector here = new MySqlInspector(origin);
        for (String address : addresses) {
            try (Connection node = open(address)) {
                MySqlInspector there = new MySqlInspector(node);
                for (String table : tables) {
                    List<String> expected = here.columnTypes(schema, table);
                    List<String> found = there.columnTypes(schema, table);
                    if (!found.equals(expected)) {
                        throw new SQLException("the Galera node " + address + (found.isEmpty() ? " has no table " + table
                                : " has a table " + table + " unlike this node's (" + found + " against " + expected + ")")
                                + ": its applier skipped the CREATE TABLE (see its error log for 'Ignoring error'); with"
                                + " the triggers in place, that node's writes would fail or miss the change");
                    }
                }
            }
        }
    }

    /**
     * Sees that every node has the triggers {@code names} on {@code schema.table} with the bodies {@code origin} (the
     * node that created them) has; a node without one is given it through its own connection ({@code create}, the
     * same order, each {@code CREATE TRIGGER IF NOT EXISTS}).
     *
     * @throws SQLException naming the node and the trigger when a node still lacks one, or has another body under
     *                      its name
     */
    void ensureTriggers(Connection origin, String schema, String table, List<String> names, List<String> create)
            throws SQLException {
        Map<String, String> expected = new MySqlInspector(origin).triggerBodies(schema, table);
        for (String address : addresses) {
            try (Connection node = open(address)) {
                MySqlInspector there = new MySqlInspector(node);
                Map<String, String> found = there.triggerBodies(schema, table);
                for (int i = 0; i < names.size(); i++) {
                    if (!found.containsKey(names.get(i))) {
                        MySqlTriggerCapture.shortWait(node, create.get(i));
                    }
                }
                found = there.triggerBodies(schema, table);
                for (String name : names) {
                    String body = found.get(name);
                    if (body == null) {
                        throw new SQLException("the Galera node " + address + " has no trigger " + name + " on " + table
                                + " though it was created in TOI and again through that node (its applier failed the"
                                + " DDL: see the node's error log for 'Ignoring error'); without it that node's writes"
                                + " would be lost");
                    }
                    if (!body.equals(expected.get(name))) {
                        throw new SQLException("the Galera node " + address + " has a trigger " + name + " on " + table
                                + " whose body differs from the one this node created; without the right one that"
                                + " node's writes would be lost");
                    }
                }
            }
        }
    }

    /**
     * After the change's triggers were dropped in TOI: no node has one left on the table. A node that does is given the
     * DROP again through its own connection; one that keeps it fails the step, before the shadow its triggers write
     * into is dropped (then every write to the table on that node would fail).
     */
    void ensureNoTriggers(OnlineNames names) throws SQLException {
        for (String address : addresses) {
            try (Connection node = open(address)) {
                MySqlInspector there = new MySqlInspector(node);
                List<String> left = MySqlCleanup.triggersLeft(there, names);
                String failure = "";
                for (String trigger : left) {
                    try {
                        MySqlTriggerCapture.shortWait(node, MySqlOnlineSql.dropTrigger(names.schema(), trigger));
                    } catch (SQLException e) {
                        failure = " (" + e.getMessage() + ")";
                    }
                }
                left = left.isEmpty() ? left : MySqlCleanup.triggersLeft(there, names);
                if (!left.isEmpty()) {
                    throw new SQLException(MySqlCleanup.triggersKept("the Galera node " + address, left, names,
                            "after they were dropped in TOI and again through that node" + failure));
                }
            }
        }
    }

    /**
     * After the swap's RENAME returned on this node: every node has the old table under {@code names.old()} and no
     * shadow. A node whose applier skipped the RENAME has the other nodes' table under another name; its next write
     * there splits it from the cluster, and what it wrote meanwhile cannot be known here: exit 3, the node named.
     */
    void ensureSwapped(OnlineNames names) throws SQLException {
        for (String address : addresses) {
            try (Connection node = open(address)) {
                MySqlInspector there = new MySqlInspector(node);
                boolean shadowLeft = there.tableExists(names.schema(), names.shadow());
                if (shadowLeft || !there.tableExists(names.schema(), names.old())) {
                    throw new OnlineException(OnlineException.VALIDATION, "the swap of " + names.table() + " ran on this"
                            + " node, but the Galera node " + address + " did not apply it: it "
                            + (shadowLeft ? "still has " + names.shadow() : "has no " + names.old())
                            + " (its applier skipped the RENAME: see its error log for 'Ignoring error')."
                            + " That node's " + names.table() + " is not the other nodes' table, and the first write to it"
                            + " there makes the node leave the cluster. Stop writing through " + address + ", let it"
                            + " rejoin with a state transfer (or rebuild it), then run 'dbshift online resume "
                            + names.table() + "' to finish the cleanup");
                }
            }
        }
    }

    /** A connection to the node at {@code address}, readied by {@link GaleraAddresses#prepareNode}. */
    private Connection open(String address) throws SQLException {
        Connection c = factory.open(GaleraAddresses.nodeUrl(url, address));
        try {
            GaleraAddresses.prepareNode(c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
