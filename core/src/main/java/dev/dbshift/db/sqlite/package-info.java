/**
 * SQLite: transactional DDL and one schema (main). Several processes may open one file; SQLite's
 * write lock serialises them and a lease row keeps runs apart.
 */
package dev.dbshift.db.sqlite;
