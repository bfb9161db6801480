package dev.dbshift.command;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.SchemaChecksums;
import dev.dbshift.db.Database.ClusterPeers;
import dev.dbshift.execute.Report;
import dev.dbshift.execute.StepResult;
import dev.dbshift.schema.SchemaDiff;
import dev.dbshift.schema.SchemaModel;
import dev.dbshift.session.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * After a run that changed the schema on a node of a multi-primary cluster, the other nodes' schemas, each read
 * causally and compared with this server's. A Galera node's applier that fails a migration's DDL statement logs
 * "Ignoring error" and goes on ({@code wsrep_ignore_apply_errors}), so the run succeeds here, the history (which
 * replicates) says applied on every node, and that node lacks the change: its application errors come later, far
 * from the cause. A node that differs is exit 3 naming it and what it lacks. A node this machine cannot name or
 * reach (behind a proxy, or reporting {@code AUTO}) is a notice, not a failure: the run cannot see it, and most
 * clusters reached through a proxy would otherwise fail every deploy.
 */
final class PeerSchemas {
    /**
     * How long a node may take to answer: one this machine cannot reach (an address only the proxy's side routes) would
     * otherwise add the whole {@code connect_timeout} to every run that changes the schema.
     */
    private static final Duration CONNECT = Duration.ofSeconds(5);
    /** The most lines of a node's difference the error shows. */
    private static final int SHOWN = 20;

    private PeerSchemas() {
    }

    /** Compares every other node's schema with this server's when {@code report} changed something; exit 3 when one differs. */
    static void verify(Session s, Report report) {
        if (s.settings().schemaChecksums() == SchemaChecksums.OFF || s.database().schemaReader().isEmpty()
                || report.results().stream().noneMatch(StepResult::success)) {
            return;
        }
        ClusterPeers cluster;
        SchemaModel here;
        try {
            cluster = s.database().clusterPeers(s.connection());
            here = cluster.peers().isEmpty() ? null : s.readSchema();
        } catch (SQLException e) {
            // the run succeeded and is recorded: a comparison that cannot start is said, never turned into a failed run
            s.project().listener().notice("the schema was not compared with the other nodes of the cluster ("
                    + s.settings().secrets().scrub(e.getMessage()) + ")");
            return;
        }
        cluster.unnamed().ifPresent(why -> s.project().listener().notice("the schema was not compared on every node of the"
                + " cluster: " + why));
        if (here == null) {
            return;
        }
        List<String> differing = new ArrayList<>();
        for (ClusterPeers.Peer peer : cluster.peers()) {
            try (Connection c = s.project().connect(peer.url(), min(CONNECT, s.settings().connectTimeout()))) {
                s.database().preparePeer(c);
                SchemaModel there = s.readSchema(c);
                if (!there.checksum().equals(here.checksum())) {
                    // another client's DDL between the two reads: read both again before blaming the node
                    here = s.readSchema();
                    there = s.readSchema(c);
                }
                if (!there.checksum().equals(here.checksum())) {
                    differing.add(peer.address() + " lacks what turns its schema into this server's:\n"
                            + indented(SchemaDiff.between(there, here).describe()));
                }
            } catch (SQLException e) {
                s.project().listener().notice("the schema was not compared on the cluster node " + peer.address() + ": "
                        + s.settings().secrets().scrub(e.getMessage()));
            }
        }
        if (!differing.isEmpty()) {
            throw new DbShiftException(DbShiftException.VALIDATION, "the run applied its migrations on this server and"
                    + " recorded them, but " + (differing.size() == 1 ? "a node" : differing.size() + " nodes")
                    + " of the cluster did not: a node's applier goes on without a DDL statement that failed there (see its"
                    + " error log for 'Ignoring error'), and the history it replicated says applied.\n  The node "
                    + String.join("\n  The node ", differing)
                    + "\n  Stop writing through " + (differing.size() == 1 ? "that node, then give it" : "those nodes, then give"
                    + " each") + " this server's schema: restart it with its data removed so it copies this server's state"
                    + " (SST), or run the changes there by hand with wsrep_on = OFF. `dbshift check` through it then reports"
                    + " no drift.");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String indented(String lines) {
        List<String> all = lines.lines().toList();
        StringBuilder b = new StringBuilder();
        all.stream().limit(SHOWN).forEach(l -> b.append("    ").append(l).append('\n'));
        if (all.size() > SHOWN) {
            b.append("    (").append(all.size() - SHOWN).append(" more: `dbshift diff --to-url` from that node to this server shows them all)\n");
        }
        return b.toString().stripTrailing();
    }
}
