/**
 * The schema model: what a database's schema is, independent of the vendor and of how it got
 * there. Readers ({@code db/<vendor>/*SchemaReader}) build a {@link dev.dbshift.schema.SchemaModel}
 * from the catalog; the model gives a checksum ({@code s9:}), {@link dev.dbshift.schema.SchemaDiff}
 * compares two models into ordered {@link dev.dbshift.schema.SchemaChange}s, a {@link
 * dev.dbshift.schema.DdlWriter} per vendor turns a model or a diff into DDL, and a {@link
 * dev.dbshift.schema.SchemaDump} per vendor writes a schema (with or without rows) that loads back.
 *
 * <h2>Why it is built this way</h2>
 * <ul>
 *   <li><b>Bulk catalog queries, one per kind of object.</b> A reader runs a fixed number of
 *   queries whatever the number of tables (information_schema, pg_catalog, sqlite_master with the
 *   table-valued pragmas). Rejected: JDBC {@code DatabaseMetaData}, which costs a round trip per
 *   table and per kind (columns, indexes, keys) and hides vendor facts (partial predicates,
 *   generated expressions) behind driver quirks; that is where Liquibase's snapshot spends its time.</li>
 *   <li><b>The checksum is over our own canonical text</b> ({@code CanonicalForm}): one line per
 *   object, sorted by kind and name, strings quoted and escaped so a name cannot forge a line.
 *   Rejected: hashing {@code pg_dump}/{@code SHOW CREATE} output (changes with server and client
 *   versions, carries owners, comments and AUTO_INCREMENT counters), and hashing a Jackson
 *   serialisation of the records (a renamed Java field would change every stored checksum
 *   silently). The text is versioned by its tag: a change to it is a new tag, never an edit
 *   ({@code CanonicalFormPinnedTest} holds the text of a schema with every kind of object, so an edit fails there).</li>
 *   <li><b>What counts.</b> Names, canonical types, nullability, defaults, generated expressions,
 *   identity, collations that differ from the default, keys, indexes (order, direction, prefix,
 *   predicate, method), foreign keys with actions, checks, views, sequences (definition, not
 *   current value), triggers, routines, PostgreSQL enums; since version {@code s2}, a MySQL/MariaDB table's engine
 *   when it is not InnoDB and PostgreSQL's row security, policies and rules; since {@code s3}, invisible columns
 *   (MySQL/MariaDB, H2), indexes the optimizer ignores (MariaDB {@code IGNORED}, MySQL {@code INVISIBLE}) and
 *   MySQL/MariaDB events (their schedule without its start, which a replay of the same migrations moves, their
 *   status and body), and PostgreSQL domains (base type, default, NOT NULL, checks) and composite types (attributes in
 *   order); since {@code s4}, a MySQL/MariaDB table's partitioning (the whole clause as the server prints it, its
 *   partitions in it; for MariaDB's {@code AUTO} partitions by system time, without the start and the count, which
 *   the server chooses and grows), a table's persistence where it is not the default (PostgreSQL's unlogged tables,
 *   which a crash empties and no standby receives), and MariaDB's system-versioned tables, which no reader read before
 *   (with a persistence line saying so; their unique keys without the row-end column the server adds to each), and
 *   when a PostgreSQL trigger fires where it is disabled or fires only, or also, in replica sessions, and how a
 *   PostgreSQL foreign key is checked where not the default ({@code MATCH FULL}, deferrable, not valid, or not
 *   enforced because a trigger that checks it is disabled); since {@code s5}, a PostgreSQL exclusion constraint's
 *   operators (before, it read as an index of the same parts, and the built-in dump wrote it as one, which lets the
 *   rows it refuses in) and when a PostgreSQL primary key, unique or exclusion constraint is checked where it is
 *   deferrable (such a unique constraint is no arbiter for {@code ON CONFLICT}) and a unique index that takes two NULLs
 *   as duplicates ({@code NULLS NOT DISTINCT}, PostgreSQL 15), and a PostgreSQL rule disabled or firing otherwise than
 *   as made (made again by the diff, then disabled or enabled as it was), and a MariaDB system-versioned table's
 *   columns {@code WITHOUT SYSTEM VERSIONING} (their past values are not kept), and a PostgreSQL index key's operator
 *   class where it is not its type's default ({@code text_pattern_ops}: which comparisons the index serves; {@code
 *   gin_trgm_ops}: a GIN index on text has no default, and the baseline and dump wrote one without it, which does not
 *   load), a SQLite index key's collation where not its column's ({@code name COLLATE NOCASE}: a unique index so takes
 *   {@code 'bob'} as a duplicate of {@code 'Bob'}), and a view's check option and security ({@code WITH CASCADED CHECK OPTION}: a write through it must give a
 *   row it shows; PostgreSQL's {@code security_barrier} and {@code security_invoker}, MySQL/MariaDB's {@code SQL
 *   SECURITY INVOKER}), and a PostgreSQL identity's sequence where not its type's default ({@code START WITH 1000
 *   INCREMENT BY 10}: the ids it gives), H2's array types with their element type and cardinality ({@code varchar(20)
 *   array[3]}; read as {@code array} before, which H2 refuses as DDL, so a baseline or dump with one did not load) and
 *   its {@code varchar_ignorecase} with its length, and a SQLite table {@code STRICT} (a value of another type is
 *   refused) or {@code WITHOUT ROWID}, and a PostgreSQL table's replica identity where not its key ({@code FULL},
 *   {@code NOTHING}, {@code USING INDEX}: what logical replication sends of a changed row), and a PostgreSQL index's
 *   {@code INCLUDE} columns and a key's {@code NULLS FIRST/LAST} against its direction's default; and s5 leaves out a
 *   MySQL/MariaDB event
 *   that ends by itself (once, {@code AT}, or until {@code ENDS}): the server drops or disables it when it has run, which
 *   was drift no one made; a DBA dropping or disabling such an event by hand is not drift either. Since {@code s6}, a
 *   MySQL/MariaDB routine's {@code SQL SECURITY INVOKER} (whose rights it runs with: one changed by hand to its
 *   definer's was no drift), held apart from its definition so older versions' text stays as it was. Since {@code s7},
 *   a MySQL/MariaDB or SQLite trigger's place among those of its table, timing and event (the one made before it: they
 *   fire in the order they were made, SQLite's last first, and two made again the other way round give a row what the
 *   other set last), and a
 *   MariaDB view's {@code ALGORITHM} where one was asked for (a {@code TEMPTABLE} view takes no writes), and the tables
 *   a PostgreSQL table inherits from (a query of the parent reads the child's rows); the diff makes a chain of such
 *   triggers again from the first one that changes, in order, so the dump and a baseline keep it, links a child to
 *   its parents once both are made, and leaves out of a child the column changes its parent's bring it. Since {@code s8}, a
 *   MariaDB application-time period and its primary or unique keys {@code WITHOUT OVERLAPS}: the catalog shows the
 *   period only as its check and such a key as a plain one ending with the period's columns, so the reader asks {@code
 *   SHOW CREATE TABLE} for the tables with a check of that shape (one round trip each, none in most schemas); a table
 *   made again with a check and plain keys takes rows whose periods overlap. Since {@code s9}, the PostgreSQL
 *   extensions installed in the schema, by name (read in the types' round trip): one dropped by hand breaks the queries
 *   that call its functions, and the diff makes it before the types and tables that use it; the tables, views,
 *   sequences and enum types an extension made ({@code pg_stat_statements}' view) are its own, left to {@code CREATE
 *   EXTENSION} by the diff and the DDL (a baseline made them again beside it) and out of {@code s9}'s text, which older
 *   versions' still count them in. An index only a constraint makes is
 *   added and dropped with {@code ALTER TABLE}, never concurrently. Each a line or a word only where there is one, so any other schema's text is the same in every
 *   version, and a checksum recorded in an older version is compared with the live schema's form in that version.
 *   Not yet: an extension's version, PostgreSQL range types. What never counts: comments (the model holds a table's
 *   and its columns', which the diff, a baseline and the dump make, a comment changing nothing the database does), data, AUTO_INCREMENT
 *   and sequence positions, statistics, OIDs, the schema's own name, creation order (but where it is a MySQL/MariaDB or SQLite trigger's firing order), and column
 *   order (adding a column appends it on every vendor, so counting order would make a schema built
 *   by migrations differ from the same schema built at once; Alembic and migra ignore it too).
 *   Tables named {@code dbshift_*} and the history tables are left out by {@link
 *   dev.dbshift.schema.TableFilter}.</li>
 *   <li><b>Canonical types</b> are lower case: {@code smallint integer bigint numeric(p,s) real
 *   double boolean char(n) varchar(n) text blob date time timetz timestamp timestamptz}, else the
 *   vendor's own spelling (MySQL {@code timestamp} is {@code timestamptz}, {@code datetime} is
 *   {@code timestamp}; {@code tinyint(1)} is {@code boolean}; display widths are dropped). The
 *   checksum is meant to compare a database with itself over time and with another database of the
 *   same vendor; across vendors the model is comparable but expressions keep vendor spelling.</li>
 *   <li><b>Vendor text where SQL is vendor language.</b> Defaults, check and index expressions,
 *   view queries, trigger and routine definitions are kept as the server prints them back (which
 *   already normalises them), with the schema name removed. Rejected: parsing SQL into an AST, a
 *   large dependency per vendor for no gain in drift detection.</li>
 *   <li><b>PostgreSQL partitions</b> are tables with a {@link dev.dbshift.schema.Table.Partitioning};
 *   what a partition gets from its parent (keys, attached indexes, inherited checks) is modelled once,
 *   on the parent, so creating the parent's index before or after its partitions reads the same.
 *   A change of partitioning is a drop and a create: no ALTER does it in place.</li>
 *   <li><b>Generated names read as null</b> (SQLite autoindexes, H2 {@code CONSTRAINT_8A}): they
 *   depend on creation order. Unique constraints are unique indexes: every vendor enforces them
 *   with one and the difference never changes which rows a table accepts.</li>
 *   <li><b>Records with sorted lists</b>, so {@code equals} is schema equality and a reader may
 *   add objects in any order.</li>
 *   <li><b>Diffs never guess renames.</b> A dropped column or table whose definition matches an
 *   added one is reported as drop + add with a data-loss warning (Alembic's choice); guessing a
 *   RENAME silently would be worse when wrong. Changed views, triggers, indexes, checks and foreign
 *   keys are drop + create; views over a changing column or view are dropped and created around it;
 *   a changed routine is replaced in place where the vendor can (PostgreSQL's CREATE OR REPLACE),
 *   so the triggers and views that use it stay.</li>
 *   <li><b>DDL is written, not executed</b>: a {@code DdlWriter} is a pure function of the model,
 *   so a diff can be printed for a database that is not reachable, and tested without one. SQLite,
 *   whose ALTER TABLE cannot change a column or a key, gets the documented table rebuild.</li>
 *   <li><b>Dumps</b> prefer the vendor's own tool (it knows every object type and the data
 *   formats); the built-in JDBC dump exists so a backup never depends on a client being installed.
 *   Its file ends each statement with a line holding only the delimiter, which psql, mariadb,
 *   sqlite3, H2 and dbshift's own splitter read, and which {@link dev.dbshift.schema.StatementFile}
 *   reads without a SQL parser; values never produce such a line (line breaks are spliced in).
 *   The built-in dump writes the schema model, which is made for the checksum and so leaves out what does not change
 *   what the schema accepts (counters, tuning, an event's start, the comments of objects other than tables and
 *   columns); each vendor's {@link
 *   dev.dbshift.schema.JdbcSchemaDump.Extras} adds those back from the catalog, so that a backup restored where no client
 *   is installed is the database it was taken of, not only one with the same checksum; a baseline is those statements
 *   too. Tables' and columns' comments are the model's, counted by no checksum, as {@code diff --sql} and {@code new
 *   --autogenerate} need them: MariaDB and H2 read them in the rows their readers read already, PostgreSQL in one
 *   query over {@code pg_description} (~1 ms warm at 1,000 tables), where a lookup per column had been rejected.
 *   SQLite's values are dumped as their storage class holds them, not as
 *   their column's declared type.
 *   A dump holds table data, so its file is made owner-only (0600, {@link dev.dbshift.schema.PrivateFile})
 *   before any tool writes into it: tightening it afterwards would leave a window in which the
 *   umask's 0644 lets every local user open it.</li>
 * </ul>
 */
package dev.dbshift.schema;
