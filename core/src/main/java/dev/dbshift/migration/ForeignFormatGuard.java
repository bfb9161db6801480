package dev.dbshift.migration;

import dev.dbshift.DbShiftException;

import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a script written in another tool's single-file format, as the text streams past: goose
 * ({@code -- +goose Up} / {@code -- +goose Down}), dbmate ({@code -- migrate:up} / {@code -- migrate:down}),
 * sql-migrate ({@code -- +migrate Up} / {@code -- +migrate Down}) and Liquibase formatted SQL
 * ({@code --liquibase formatted sql}, {@code --changeset author:id}). To dbshift their markers are
 * comments, so such a file under a dbshift name ran its Up <em>and</em> its Down part and said "ok"
 * (and Liquibase's {@code --rollback} lines were silently lost). Until these formats are read
 * properly, a file holding one of their markers is bad input naming the file, line, marker and tool.
 *
 * <p>Only lines that start with {@code --} (after blanks) are looked at, and only their first
 * characters are kept: one pass, no second read of the file.
 */
final class ForeignFormatGuard extends WatchedReader {
    /** The longest line start any marker needs. */
    private static final int KEEP = 48;

    private record Marker(Pattern pattern, String tool, String advice) {
    }

    private static final List<Marker> MARKERS = List.of(
            new Marker(Pattern.compile("--\\s*\\+goose\\s+\\S+.*", Pattern.CASE_INSENSITIVE), "goose",
                    "its Up and Down sections would both run"),
            new Marker(Pattern.compile("--\\s*migrate:(up|down)\\b.*", Pattern.CASE_INSENSITIVE), "dbmate",
                    "its migrate:up and migrate:down sections would both run"),
            new Marker(Pattern.compile("--\\s*\\+migrate\\s+\\S+.*", Pattern.CASE_INSENSITIVE), "sql-migrate",
                    "its Up and Down sections would both run"),
            new Marker(Pattern.compile("--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE),
                    "Liquibase formatted SQL", "its --rollback lines would be lost and its changesets run as one script"),
            new Marker(Pattern.compile("--\\s*changeset\\s+[^\\s:]+:\\S+.*", Pattern.CASE_INSENSITIVE),
                    "Liquibase formatted SQL", "its --rollback lines would be lost and its changesets run as one script"));

    private final String name;
    private final StringBuilder start = new StringBuilder(KEEP);
    private int line = 1;
    /** Still in the blanks that open a line. */
    private boolean leading = true;
    /** The line cannot be a marker (its first non-blank is not '-'). */
    private boolean ruledOut;

    ForeignFormatGuard(Reader in, String name) {
        super(in);
        this.name = name;
    }

    @Override
    protected void end() {
        endOfLine();
    }

    @Override
    protected void see(char c) {
        if (c == '\n') {
            endOfLine();
            line++;
            start.setLength(0);
            leading = true;
            ruledOut = false;
            return;
        }
        if (ruledOut) {
            return;
        }
        if (leading) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                return;
            }
            leading = false;
            if (c != '-') {
                ruledOut = true;
                return;
            }
        }
        if (start.length() < KEEP) {
            start.append(c);
        }
    }

    private void endOfLine() {
        if (ruledOut || start.length() < 3) {
            return;
        }
        String text = start.toString().strip();
        for (Marker m : MARKERS) {
            Matcher x = m.pattern.matcher(text);
            if (x.matches()) {
                throw new DbShiftException(DbShiftException.BAD_INPUT, name + ":" + line + ": '" + text
                        + "' is a " + m.tool + " marker: this file is in " + m.tool + "'s format, which dbshift does not read"
                        + " (" + m.advice + "); write its up part as VERSION__DESCRIPTION.sql and its down part as"
                        + " VERSION__DESCRIPTION.down.sql, or use " + m.tool.toLowerCase(Locale.ROOT).split(" ")[0] + " for it");
            }
        }
        start.setLength(0);
        ruledOut = true;
    }
}
