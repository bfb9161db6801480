package dev.dbshift.lint;

/** How much a finding matters: an error stops {@code lint} (exit 3) and, on a critical target, {@code up}. */
public enum Level {
    ERROR, WARN, INFO, OFF
}
