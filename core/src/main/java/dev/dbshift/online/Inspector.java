package dev.dbshift.online;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads, never writes: the shape of a table, the foreign keys into and out of it, its triggers,
 * free disk space and server load. Everything a preflight refusal is based on comes from here.
 */
public interface Inspector {

    Optional<TableShape> shape(String schema, String table) throws SQLException;

    /** Foreign keys out of the table and into it, described for a person. */
    List<String> foreignKeys(String schema, String table) throws SQLException;

    List<String> triggers(String schema, String table) throws SQLException;

    /** Views and other objects defined over the table, which the swap would leave on the old table; none by default. */
    default List<String> dependents(String schema, String table) throws SQLException {
        return List.of();
    }

    boolean tableExists(String schema, String table) throws SQLException;

    /** Free bytes where the server keeps its data, when visible from this host; empty otherwise. */
    OptionalLong freeBytes() throws SQLException;

    /** The current value of a server status variable such as {@code Threads_running}. */
    long status(String variable) throws SQLException;

    /**
     * How the server runs DDL when it is a node of a synchronous cluster, else empty (the default). Galera:
     * {@code wsrep_OSU_method}, {@code TOI} (every node at once, the cluster's writes waiting) or {@code RSU} (this node
     * only, not replicated).
     */
    default Optional<String> clusterDdl() throws SQLException {
        return Optional.empty();
    }
}
