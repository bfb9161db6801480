/**
 * Script splitting speed: dbshift's {@code sql/} scanner against Flyway 11's parser on the same
 * generated MySQL and PostgreSQL dumps, in one JVM, interleaved round by round so both see the same
 * machine. A plain {@code main}, not JMH: each round splits tens of MB and lasts long enough that JIT
 * warm-up (two untimed rounds) and timer resolution do not matter, and the heap measurement (peak heap
 * while streaming hundreds of MB) needs control JMH's forked harness would take away. Flyway is driven
 * through its internal {@code Parser} classes, the same path its migrations take, with placeholder
 * replacement off on both sides. How to run it: {@code bench/README-split.md}.
 */
package dev.dbshift.bench.split;
