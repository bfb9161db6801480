package dev.dbshift.command;

import dev.dbshift.history.HistoryRow;

/** A failed operation, and whether a later success or a repair resolved it. */
public record Failure(HistoryRow row, boolean resolved) {
}
