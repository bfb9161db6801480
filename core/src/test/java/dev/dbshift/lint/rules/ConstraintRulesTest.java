package dev.dbshift.lint.rules;

import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dbshift.lint.rules.Lint.H2;
import static dev.dbshift.lint.rules.Lint.MYSQL;
import static dev.dbshift.lint.rules.Lint.PG;
import static dev.dbshift.lint.rules.Lint.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** add-unique and add-foreign-key on the syntax of H2, PostgreSQL and MySQL. */
@Pure
class ConstraintRulesTest {

    @Test
    void uniqueIndexOrConstraintOnAnExistingTable() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddUnique(), d, "CREATE UNIQUE INDEX users_email ON users (email);"))
                    .containsExactly("creates a unique index on existing table users");
            assertThat(messages(new AddUnique(), d, "ALTER TABLE users ADD CONSTRAINT users_email UNIQUE (email);"))
                    .containsExactly("adds a unique constraint to existing table users");
        }
        assertThat(messages(new AddUnique(), PG, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY app.users (lower(email));"))
                .containsExactly("creates a unique index on existing table app.users");
        assertThat(messages(new AddUnique(), MYSQL, "ALTER TABLE users ADD UNIQUE KEY uk (email);"))
                .containsExactly("adds a unique constraint to existing table users");
    }

    @Test
    void plainIndexesNewTablesAndTheIndexFirstFormAreFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddUnique(), d, "CREATE INDEX users_email ON users (email);")).isEmpty();
            assertThat(messages(new AddUnique(), d, "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a);")).isEmpty();
            assertThat(messages(new AddUnique(), d, "CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);")).isEmpty();
            assertThat(messages(new AddUnique(), d, "ALTER TABLE users ADD COLUMN unique_code int;")).isEmpty();
        }
        assertThat(messages(new AddUnique(), PG, "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email;")).isEmpty();
    }

    @Test
    void foreignKeyOnAnExistingTable() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddForeignKey(), d,
                    "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);"))
                    .containsExactly("adds a foreign key to existing table orders");
            assertThat(messages(new AddForeignKey(), d, "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);"))
                    .containsExactly("adds a foreign key to existing table orders");
        }
        assertThat(messages(new AddForeignKey(), PG, "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);"))
                .containsExactly("adds a foreign key to existing table orders");
    }

    @Test
    void foreignKeyNotValidOrInANewTableIsFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddForeignKey(), d,
                    "CREATE TABLE items (id int, order_id int REFERENCES orders (id));"
                            + " ALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (order_id) REFERENCES orders (id);")).isEmpty();
            assertThat(messages(new AddForeignKey(), d, "ALTER TABLE orders ADD COLUMN note varchar(10) DEFAULT 'REFERENCES';"))
                    .isEmpty();
            assertThat(messages(new AddForeignKey(), d, "ALTER TABLE orders DROP CONSTRAINT fk_user;")).isEmpty();
        }
        assertThat(messages(new AddForeignKey(), PG,
                "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;")).isEmpty();
    }
}
