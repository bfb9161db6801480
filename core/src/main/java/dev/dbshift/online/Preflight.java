package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Preflight, then the shadow: refuses, with the reason, what the copy cannot do safely (see the
 * package documentation), decides between the server's own non-blocking ALTER and the copy, and
 * builds the shadow and the {@link CopyLayout} of a copy.
 */
final class Preflight {

    /** What preflight found: the plan, and for a copy its layout (shadow built) and the source's shape. */
    record Prepared(OnlinePlan plan, CopyLayout layout, TableShape source) {
    }

    private final Job job;

    Preflight(Job job) {
        this.job = job;
    }

    /**
     * {@code checkpoint} null: a dry run (the caller drops the shadow); else the state row is written
     * (phase PREPARE) before the shadow is created, so a kill while it is built leaves a row that says
     * whose shadow it is.
     */
    Prepared prepare(Connection c, String db, String table, AlterSpec spec, Checkpoint checkpoint) throws SQLException {
        boolean dryRun = checkpoint == null;
        OnlineOptions options = job.options();
        Inspector inspector = job.engine().inspector(c);
        OnlineNames names = OnlineNames.of(db, table);
        TableShape source = inspector.shape(db, table).orElseThrow(
                () -> new OnlineException(OnlineException.BAD_INPUT, "no table " + db + "." + table));
        List<String> warnings = new ArrayList<>();
        Optional<String> clusterDdl = inspector.clusterDdl();
        if (clusterDdl.isPresent() && !clusterDdl.get().equals("TOI")) {
            throw OnlineException.refused("this Galera node runs DDL with wsrep_OSU_method=" + clusterDdl.get()
                    + ": the shadow table, the triggers and the cut-over RENAME would change this node only;"
                    + " set wsrep_OSU_method=TOI (the copy itself replicates as ordinary writes)");
        }
        ShadowTable shadowTable = job.engine().shadow(c, names);
        ShadowTable.Native nat = options.strategy() == Strategy.COPY && !dryRun ? ShadowTable.Native.NONE
                : shadowTable.probeNative(spec);
        if (options.strategy() == Strategy.NATIVE && nat == ShadowTable.Native.NONE) {
            throw OnlineException.refused("--strategy native: the server cannot do this change with ALGORITHM=INSTANT "
                    + "or INPLACE, LOCK=NONE");
        }
        if (clusterDdl.isPresent()) {
            // TOI: a DDL statement runs on every node at the same point of the replication order while the cluster's
            // writes wait, so the server's INPLACE ALTER (LOCK=NONE on one server) blocks every node for its length
            if (nat == ShadowTable.Native.INPLACE) {
                if (options.strategy() == Strategy.NATIVE) {
                    throw OnlineException.refused("--strategy native on a Galera node: the server's INPLACE ALTER runs in TOI"
                            + " and the writes of every node wait until it ends; use --strategy copy or auto");
                }
                nat = ShadowTable.Native.NONE;
            }
            warnings.add("a Galera node (wsrep_OSU_method=TOI): the shadow table, the triggers and the cut-over RENAME run"
                    + " in TOI, each a short stop of the whole cluster's writes; the chunked copy replicates as ordinary writes");
        }
        if (!spec.nativeKeepsRenames()) {
            String mapped = spec.mappedRenames().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            if (options.strategy() == Strategy.NATIVE) {
                throw OnlineException.refused("--strategy native with --rename " + mapped + ": the server's own ALTER "
                        + "would drop the data of " + String.join(", ", spec.mappedRenames().keySet())
                        + "; write CHANGE COLUMN old new TYPE in the change, or let the copy carry it over (--strategy auto or copy)");
            }
            if (nat != ShadowTable.Native.NONE) {
                warnings.add("--rename " + mapped + " maps columns the ALTER drops and adds: the copy carries their "
                        + "data over (the server's own " + nat.name() + " ALTER would not)");
            }
        }
        boolean nativeRun = options.strategy() != Strategy.COPY && nat != ShadowTable.Native.NONE && spec.nativeKeepsRenames();
        String method = nativeRun ? nat.name().toLowerCase(Locale.ROOT) : "copy";
        if (nativeRun && !dryRun) {
            return new Prepared(new OnlinePlan(db, table, spec.text(), nat, method, null, null, source.rowsEstimate(),
                    source.bytes(), null, warnings), null, source);
        }
        refuseForCopy(job.engine(), inspector, names, source);
        List<String> checked = job.engine().checkedServers(job.factory(), c);
        if (!checked.isEmpty()) {
            warnings.add("the triggers are checked on every node after they are created (a node's applier skips a DDL"
                    + " that fails on it): " + String.join(", ", checked));
        }
        job.engine().refuseDependents(c, inspector, names, spec);
        OptionalLong free = inspector.freeBytes();
        long need = (long) (source.bytes() * options.diskHeadroom());
        if (free.isPresent() && free.getAsLong() < need) {
            throw OnlineException.refused("not enough free disk space: the copy needs about " + need / (1024 * 1024)
                    + " MiB, " + free.getAsLong() / (1024 * 1024) + " MiB are free");
        }
        if (free.isEmpty()) {
            warnings.add("free disk space on the server could not be checked from this host");
        }
        if (checkpoint != null) {
            checkpoint.beginPrepare(c, table, spec.text(), OptionsCodec.encode(options), job.owner());
        }
        try {
            shadowTable.create(spec);
            TableShape shadow = inspector.shape(db, names.shadow()).orElseThrow();
            CopyLayout layout = layout(job.engine(), names, source, shadow, spec);
            checkUnique(c, source, shadow, layout);
            if (!dryRun && clusterDdl.isEmpty()) {
                // built after the copy, each by one sort; not on Galera, where that ALTER would stop the cluster's writes (TOI)
                shadowTable.deferIndexes();
            }
            OnlinePlan plan = new OnlinePlan(db, table, spec.text(), nat, method, layout.keyIndex(), layout.key(),
                    source.rowsEstimate(), source.bytes(), layout.mapping(), warnings);
            return new Prepared(plan, layout, source);
        } catch (RuntimeException | SQLException e) {
            try {
                shadowTable.drop();
                if (checkpoint != null) {
                    checkpoint.phase(c, table, Phase.ABORTED, "refused: " + e.getMessage());
                }
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The copy engine's refusals. */
    private static void refuseForCopy(OnlineChange engine, Inspector inspector, OnlineNames names, TableShape source)
            throws SQLException {
        String db = names.schema();
        String table = names.table();
        engine.refusal(source).ifPresent(why -> {
            throw OnlineException.refused(why);
        });
        if (source.rowKey().isEmpty()) {
            throw OnlineException.refused(table + " has no primary key and no unique key over NOT NULL columns; "
                    + "the copy needs one to chunk by and to replay changes");
        }
        List<String> triggers = new ArrayList<>(inspector.triggers(db, table));
        triggers.removeAll(names.allTriggers());
        if (!triggers.isEmpty()) {
            throw OnlineException.refused(table + " has triggers " + triggers
                    + "; the copy engine adds its own and cannot keep yours across the swap");
        }
        for (String leftover : List.of(names.shadow(), names.old(), names.changeLog())) {
            if (inspector.tableExists(db, leftover)) {
                throw OnlineException.refused("table " + leftover + " already exists (left by an earlier change?); "
                        + "run online abort " + table + " or drop it");
            }
        }
    }

    static CopyLayout layout(OnlineChange engine, OnlineNames names, TableShape source, TableShape shadow, AlterSpec spec) {
        ColumnMapping mapping = ColumnMapping.derive(source, shadow, spec.renames(), spec.dropped());
        TableShape.Index key = source.rowKey().orElseThrow(() -> OnlineException.refused(
                source.table() + " has no primary key and no unique key over NOT NULL columns"));
        List<String> shadowKey = new ArrayList<>();
        for (String k : key.columns()) {
            shadowKey.add(mapping.shadowOf(k).orElseThrow(() -> OnlineException.refused(
                    "the change drops key column " + k + ", which the copy needs to identify rows")));
        }
        if (!shadow.hasUniqueOn(shadowKey)) {
            throw OnlineException.refused("after the change, " + shadowKey + " is no longer a unique key; "
                    + "the copy needs the row key to stay unique");
        }
        return CopyLayout.derive(engine, names, key.name(), key.columns(), shadowKey, mapping, source, shadow, spec::conversionOf);
    }

    private void checkUnique(Connection c, TableShape source, TableShape shadow, CopyLayout layout) throws SQLException {
        for (TableShape.Index idx : shadow.indexes()) {
            if (!idx.unique()) {
                continue;
            }
            List<String> sourceCols = new ArrayList<>();
            boolean allCopied = true;
            for (String col : idx.columns()) {
                var from = layout.mapping().copied().stream().filter(cc -> cc.shadow().equalsIgnoreCase(col)).findFirst();
                if (from.isEmpty()) {
                    allCopied = false;
                    break;
                }
                sourceCols.add(from.get().source());
            }
            if (allCopied && source.hasUniqueOn(sourceCols)) {
                continue;
            }
            if (!job.options().allowUnique()) {
                throw OnlineException.refused("the change adds unique key " + idx.name() + " " + idx.columns()
                        + "; rows that duplicate it would be lost. " + (job.owner() != null
                        ? "Write '-- dbshift:online allow-unique' as the script's directive" : "Pass --allow-unique")
                        + " to check for duplicates and go on");
            }
            if (!allCopied) {
                continue;
            }
            Optional<List<Object>> dup = job.engine().findDuplicate(c, source, sourceCols);
            if (dup.isPresent()) {
                List<Object> values = dup.get().subList(0, sourceCols.size());
                throw OnlineException.refused("unique key " + idx.name() + " " + idx.columns() + ": " + sourceCols
                        + " = " + values + " occurs " + dup.get().get(sourceCols.size()) + " times");
            }
        }
    }
}
