package dev.dbshift.db.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client addresses of a Galera cluster's nodes as a node reports them ({@code wsrep_incoming_addresses}, one
 * {@code host:port} per node in the primary component), read to check on each node that a DDL statement took effect
 * there: a node's applier that fails a DDL logs "Ignoring error" and goes on ({@code wsrep_ignore_apply_errors}).
 * A node that could not tell its address (a loopback bind reports {@code AUTO}) is left out of {@link #named()} and
 * makes {@link #allNamed()} false, for the caller to refuse (an online change) or say so (a migration run).
 *
 * @param reported the status value as read
 */
public record GaleraAddresses(String reported) {

    public GaleraAddresses {
        reported = reported == null ? "" : reported;
    }

    /** What the node on {@code c} reports. */
    public static GaleraAddresses read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'wsrep_incoming_addresses'")) {
            return new GaleraAddresses(rs.next() ? rs.getString(2) : "");
        }
    }

    /** The {@code host:port} of each node that reports one, in the reported order. */
    public List<String> named() {
        List<String> out = new ArrayList<>();
        for (String a : reported.split(",", -1)) {
            if (isAddress(a.trim())) {
                out.add(a.trim());
            }
        }
        return out;
    }

    /** True when every node reports a {@code host:port}. */
    public boolean allNamed() {
        for (String a : reported.split(",", -1)) {
            if (!isAddress(a.trim())) {
                return false;
            }
        }
        return true;
    }

    /** Why a node could not be named, with the setting that fixes it. */
    public String unnamedReason() {
        return "a Galera node reports no client address (wsrep_incoming_addresses is '" + reported
                + "'); set wsrep_node_incoming_address on every node to the host:port this machine reaches it at";
    }

    /**
     * The URL of the node at {@code address} for a connection whose driver URL is {@code url}: its scheme and its
     * parameters (TLS settings among them: a cluster that requires them would refuse a node URL without), no database,
     * and no {@code user} or {@code password}: the driver writes them into the URL it reports, the password as
     * {@code ***}, which would win over the run's credentials.
     */
    public static String nodeUrl(String url, String address) {
        int query = url.indexOf('?');
        StringBuilder out = new StringBuilder(url.substring(0, url.indexOf("//"))).append("//").append(address).append('/');
        if (query >= 0) {
            String sep = "?";
            for (String parameter : url.substring(query + 1).split("&")) {
                String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (!parameter.isEmpty() && !key.equalsIgnoreCase("user") && !key.equalsIgnoreCase("password")) {
                    out.append(sep).append(parameter);
                    sep = "&";
                }
            }
        }
        return out.toString();
    }

    /**
     * How long a read on another node may go unanswered. Galera ends a causal read that waits longer than {@code
     * repl.causal_read_timeout} (30 s by default) itself; past this, the node is stalled (a SIGSTOPped server, or one
     * past its connect handshake when it froze): without it, the read waited as long as the node did.
     */
    static final int NODE_READ_TIMEOUT_MS = 60_000;

    /**
     * Readies a connection to another node: its reads are causal ({@code wsrep_sync_wait = 1}: a read waits until the
     * node applied what the cluster committed before it, so a DDL it has not applied yet is not taken for one it
     * skipped), and one that goes unanswered for {@link #NODE_READ_TIMEOUT_MS} fails.
     */
    public static void prepareNode(Connection node) throws SQLException {
        node.setNetworkTimeout(Runnable::run, NODE_READ_TIMEOUT_MS);
        try (Statement st = node.createStatement()) {
            st.execute("SET SESSION wsrep_sync_wait = 1");
        }
    }

    private static boolean isAddress(String a) {
        return !a.isEmpty() && !a.toUpperCase(Locale.ROOT).equals("AUTO") && a.lastIndexOf(':') > 0;
    }
}
