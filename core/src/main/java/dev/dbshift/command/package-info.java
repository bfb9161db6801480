/**
 * Command groups of the facade: each a small class over the library's parts, reached from
 * {@code DbShift} by a one-line accessor, so the facade stays a list of commands instead of
 * growing every command's code. A group takes only what it needs (connections, the target's
 * {@code Database}), never the whole {@code DbShift}, so it is constructed and tested alone.
 */
package dev.dbshift.command;
