package dev.dbshift.lint.rules;

import dev.dbshift.lint.Level;
import dev.dbshift.lint.LintMigration;
import dev.dbshift.sql.ScriptDialect;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.dbshift.lint.rules.Lint.H2;
import static dev.dbshift.lint.rules.Lint.MYSQL;
import static dev.dbshift.lint.rules.Lint.PG;
import static dev.dbshift.lint.rules.Lint.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** change-column-type, add-not-null-column, set-not-null on the syntax of H2, PostgreSQL and MySQL. */
@Pure
class ColumnRulesTest {

    @Test
    void typeChangeInEachEnginesSpelling() {
        assertThat(messages(new ChangeColumnType(), PG, "ALTER TABLE users ALTER COLUMN id TYPE bigint;"))
                .containsExactly("changes the type of id of users");
        assertThat(messages(new ChangeColumnType(), PG, "ALTER TABLE users ALTER id SET DATA TYPE bigint USING id::bigint;"))
                .containsExactly("changes the type of id of users");
        assertThat(messages(new ChangeColumnType(), H2, "ALTER TABLE users ALTER COLUMN id SET DATA TYPE BIGINT;"))
                .containsExactly("changes the type of id of users");
        assertThat(messages(new ChangeColumnType(), H2, "ALTER TABLE users ALTER COLUMN IF EXISTS id SET DATA TYPE BIGINT;"))
                .containsExactly("changes the type of id of users");
        assertThat(messages(new ChangeColumnType(), H2, "ALTER TABLE users ALTER COLUMN name VARCHAR(200);"))
                .containsExactly("changes the type of name of users");
        assertThat(messages(new ChangeColumnType(), MYSQL, "ALTER TABLE users MODIFY COLUMN id BIGINT NOT NULL;"))
                .containsExactly("changes the type of id of users");
        assertThat(messages(new ChangeColumnType(), MYSQL, "ALTER TABLE users MODIFY name varchar(200), MODIFY `Id` bigint;"))
                .containsExactly("changes the type of name, id of users");
        assertThat(messages(new ChangeColumnType(), MYSQL, "ALTER TABLE users CHANGE id id BIGINT;"))
                .containsExactly("changes the type of id of users");
    }

    @Test
    void typeChangeCountsRowsWhenConnected() {
        assertThat(Lint.run(new ChangeColumnType(), MYSQL, "ALTER TABLE users MODIFY id BIGINT;", true,
                new LintMigration.ServerFacts(Optional.empty(), Map.of("users", 12L))))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).isEqualTo("changes the type of id of users (~12 rows)");
                    assertThat(f.level()).isEqualTo(Level.WARN);
                });
    }

    @Test
    void otherColumnChangesAreNoTypeChange() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new ChangeColumnType(), d, "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'TYPE';")).isEmpty();
            assertThat(messages(new ChangeColumnType(), d, "ALTER TABLE users ALTER COLUMN name DROP DEFAULT;")).isEmpty();
            assertThat(messages(new ChangeColumnType(), d, "CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE bigint;"))
                    .isEmpty();
        }
        assertThat(messages(new ChangeColumnType(), PG, "ALTER TABLE users ALTER COLUMN name SET NOT NULL;")).isEmpty();
        assertThat(messages(new ChangeColumnType(), PG, "ALTER TABLE users ALTER CONSTRAINT fk DEFERRABLE;")).isEmpty();
        assertThat(messages(new ChangeColumnType(), MYSQL, "ALTER TABLE users CHANGE email mail varchar(100);")).isEmpty();
        assertThat(messages(new ChangeColumnType(), MYSQL, "ALTER TABLE users ALTER INDEX i INVISIBLE;")).isEmpty();
    }

    @Test
    void addNotNullColumnWithoutDefaultOnEveryEngine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD COLUMN age int NOT NULL;"))
                    .containsExactly("adds NOT NULL column age without a default to users");
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD age int NOT NULL CHECK (age > 0);"))
                    .containsExactly("adds NOT NULL column age without a default to users");
        }
        assertThat(messages(new AddNotNullColumn(), MYSQL, "ALTER TABLE users ADD COLUMN (a int NOT NULL, b int DEFAULT 1 NOT NULL);"))
                .containsExactly("adds NOT NULL column a without a default to users");
        assertThat(messages(new AddNotNullColumn(), PG, "ALTER TABLE users ADD COLUMN IF NOT EXISTS \"Age\" int NOT NULL;"))
                .containsExactly("adds NOT NULL column age without a default to users");
    }

    @Test
    void aColumnWithAValueOrNullableOrOnANewTableIsFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;")).isEmpty();
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD COLUMN age int;")).isEmpty();
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD COLUMN age int CHECK (age IS NOT NULL);"))
                    .isEmpty();
            assertThat(messages(new AddNotNullColumn(), d, "ALTER TABLE users ADD CONSTRAINT c CHECK (a IS NOT NULL);")).isEmpty();
            assertThat(messages(new AddNotNullColumn(), d, "CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int NOT NULL;"))
                    .isEmpty();
        }
        assertThat(messages(new AddNotNullColumn(), PG, "ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY NOT NULL;"))
                .isEmpty();
        assertThat(messages(new AddNotNullColumn(), PG, "ALTER TABLE users ADD COLUMN id bigserial NOT NULL;")).isEmpty();
        assertThat(messages(new AddNotNullColumn(), MYSQL, "ALTER TABLE users ADD COLUMN id bigint NOT NULL AUTO_INCREMENT;"))
                .isEmpty();
    }

    @Test
    void setNotNullOnAnExistingColumn() {
        for (ScriptDialect d : List.of(H2, PG)) {
            assertThat(messages(new SetNotNull(), d, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"))
                    .containsExactly("sets NOT NULL on email of users");
        }
        assertThat(messages(new SetNotNull(), PG, "ALTER TABLE users ALTER email SET NOT NULL, ALTER name SET NOT NULL;"))
                .containsExactly("sets NOT NULL on email, name of users");
    }

    @Test
    void droppingNotNullOrSettingItOnANewTableIsFine() {
        for (ScriptDialect d : List.of(H2, PG, MYSQL)) {
            assertThat(messages(new SetNotNull(), d, "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;")).isEmpty();
            assertThat(messages(new SetNotNull(), d, "CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL;")).isEmpty();
            assertThat(messages(new SetNotNull(), d, "ALTER TABLE users ADD COLUMN a int NOT NULL DEFAULT 0;")).isEmpty();
        }
    }
}
