package dev.dbshift.db.h2;

import dev.dbshift.db.Database;
import dev.dbshift.sql.LexicalRules;
import dev.dbshift.sql.SqlStatement;
import dev.dbshift.sql.StatementWords;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an H2 statement writes outside its transaction: rows into a linked table ({@code CREATE LINKED TABLE}), which H2
 * writes into the table's own database on a connection of its own, one row at a time, where each commits. A row change
 * into one counts: a failure part way through a multi-row INSERT left its first rows there, was recorded as rolled
 * back, and the next up wrote them again. The linked tables are read from the catalog once per run, and the run's
 * own {@code CREATE [FORCE] LINKED TABLE} learned as it is met; a row change counts by the table it writes into (a
 * linked table read from is no write), matched without its schema and case: a namesake elsewhere counts too.
 */
final class H2LinkedTables implements Database.OutsideWrites {
    private final Set<String> linked = new LinkedHashSet<>();

    H2LinkedTables(List<String> tables) {
        tables.forEach(t -> linked.add(t.toUpperCase(Locale.ROOT)));
    }

    private static final Set<String> ROW_CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

    private static final Set<String> BEFORE_NAME = Set.of("IF", "NOT", "EXISTS");

    @Override
    public Optional<String> in(SqlStatement statement) {
        String sql = statement.sql();
        List<String> head = StatementWords.of(sql, LexicalRules.standard(), 3); // every statement: a short look
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String first = head.get(0);
        if (first.equals("CREATE") && head.contains("LINKED")) {
            learn(StatementWords.ofKeepingCase(sql, LexicalRules.standard(), 12));
            return Optional.empty();
        }
        if (linked.isEmpty() || !ROW_CHANGES.contains(first)) {
            return Optional.empty();
        }
        List<String> w = StatementWords.ofKeepingCase(sql, LexicalRules.standard(), 12);
        // the table written into: INSERT [INTO] t, UPDATE t, DELETE [FROM] t, MERGE INTO t (a linked table read from is no write)
        int at = 1;
        if (at < w.size() && (w.get(at).equalsIgnoreCase("INTO") || w.get(at).equalsIgnoreCase("FROM"))) {
            at++;
        }
        while (at + 2 < w.size() && w.get(at + 1).equals(".")) {
            at += 2;
        }
        if (at >= w.size()) {
            return Optional.empty();
        }
        String table = StatementWords.unquote(w.get(at));
        return linked.contains(table.toUpperCase(Locale.ROOT)) ? Optional.of(table + ", a linked table") : Optional.empty();
    }

    /** {@code CREATE [FORCE] LINKED TABLE [IF NOT EXISTS] [schema.]name(...)}: its name joins the linked tables. */
    private void learn(List<String> w) {
        int at = 1;
        if (at < w.size() && w.get(at).equalsIgnoreCase("FORCE")) {
            at++;
        }
        if (!(at + 1 < w.size() && w.get(at).equalsIgnoreCase("LINKED") && w.get(at + 1).equalsIgnoreCase("TABLE"))) {
            return;
        }
        int name = at + 2;
        while (name < w.size() && BEFORE_NAME.contains(w.get(name).toUpperCase(Locale.ROOT))) {
            name++;
        }
        while (name + 2 < w.size() && w.get(name + 1).equals(".")) {
            name += 2;
        }
        if (name < w.size()) {
            linked.add(StatementWords.unquote(w.get(name)).toUpperCase(Locale.ROOT));
        }
    }
}
