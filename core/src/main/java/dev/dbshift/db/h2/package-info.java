/**
 * H2, the embedded default for a first run and for tests of applications. Transactional DDL; no
 * session lock function, so the migration lock is a lease row. In embedded file mode H2 itself lets
 * only one process open the file. Its {@code INFORMATION_SCHEMA} tables are read one at a time, never joined: H2
 * joins two of them by scanning one for each row of the other.
 */
package dev.dbshift.db.h2;
