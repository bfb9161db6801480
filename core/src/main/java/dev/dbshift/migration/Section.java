package dev.dbshift.migration;

import java.io.IOException;
import java.io.Reader;

/**
 * The part of a file that is one script, for formats that keep several scripts in one file (goose's
 * {@code -- +goose Up}/{@code Down}, dbmate, sql-migrate, a Liquibase changeset and its rollback).
 *
 * <p>The contract that keeps every message true: {@link #extract} is <em>line-preserving</em>. Its output
 * has as many lines as the file; line N of the output is line N of the file, a blank line (outside the
 * section, or a marker with no dbshift meaning), or the marker translated to dbshift's own comment
 * directive on that same line ({@code -- +goose NO TRANSACTION} becomes {@code -- dbshift:no-transaction}).
 * So a statement that fails is reported at the file's own line, and every consumer (executor, offline
 * SQL, lint, pre-check) reads the section through {@link MigrationSource#reader} without knowing the
 * format. The checksum of a section is taken over its extracted text with leading and trailing blank
 * lines stripped, so editing the other half of the file does not make an applied half look edited.
 */
public interface Section {
    /** How the section is named after the file, e.g. {@code up}, {@code down}, {@code changeset 3:alice}. */
    String label();

    /** This section of {@code whole} (the decoded file), line-preserving as the class comment says. */
    Reader extract(Reader whole) throws IOException;
}
