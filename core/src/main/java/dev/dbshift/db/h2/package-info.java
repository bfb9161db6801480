/**
 * H2, the embedded default for a first run and for tests of applications. Transactional DDL; no
 * session lock function, so the migration lock is a lease row. In embedded file mode H2 itself lets
 * only one process open the file.
 */
package dev.dbshift.db.h2;
