package dev.dbshift.migration.format;

import dev.dbshift.DbShiftException;
import dev.dbshift.migration.FileMigrationSource;
import dev.dbshift.migration.MigrationKind;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.Version;
import dev.dbshift.testing.Pure;
import dev.dbshift.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Liquibase changelogs read into migrations: changesets, their rollbacks, the includes, what is refused. */
@Pure
class LiquibaseFormatTest {
    private final TestProject project = TestProject.create();

    private FileMigrationSource source(String env) {
        return new FileMigrationSource(project.dir(), List.of("db"), env, getClass().getClassLoader())
                .withFormats(MigrationFormats.all(), "auto");
    }

    private List<MigrationRef> list(String env) {
        return source(env).list().stream().sorted(Comparator.comparing((MigrationRef m) -> m.kind() == MigrationKind.REPEATABLE)
                .thenComparing(m -> m.version() == null ? Version.parse("0") : m.version())).toList();
    }

    private static final String USERS = """
            --liquibase formatted sql

            --changeset alice:1
            --comment: the users
            create table users (id int);
            --rollback drop table users;

            --changeset bob:2 context:prod labels:x
            insert into users values (1);
            --rollback delete from users;

            --changeset alice:3 runInTransaction:false splitStatements:false
            create index users_id on users (id);
            /* liquibase rollback
            drop index users_id;
            */

            --changeset carol:view runOnChange:true
            create view v as select id from users;
            """;

    @Test
    void formattedSqlAloneIsLiquibaseButOneFormattedFileAmongPlainScriptsIsNot() throws IOException {
        LiquibaseFormat liquibase = new LiquibaseFormat();
        project.file("db/001-users.sql", USERS);
        assertThat(liquibase.detect(dev.dbshift.migration.FolderListing.of(project.dir().resolve("db")))).isTrue();
        // beside dbshift's own scripts it is a misplaced file: the dbshift layout refuses it naming its marker
        project.delete("db/001-users.sql");
        project.file("db/2__users.sql", USERS);
        project.file("db/1__base.sql", "create table base (id int);\n");
        assertThat(liquibase.detect(dev.dbshift.migration.FolderListing.of(project.dir().resolve("db")))).isFalse();
        FileMigrationSource dbshiftLayout = source(null);
        MigrationRef misplaced = dbshiftLayout.list().stream().filter(m -> m.version().equals(Version.parse("2"))).findFirst().orElseThrow();
        assertThatThrownBy(() -> dbshiftLayout.text(misplaced.up().get(0)))
                .hasMessageContaining("db/2__users.sql:1: '--liquibase formatted sql'");
        // a changelog makes the folder Liquibase's whatever else is in it
        project.file("db/changelog.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <include file="2__users.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        assertThat(liquibase.detect(dev.dbshift.migration.FolderListing.of(project.dir().resolve("db")))).isTrue();
    }

    @Test
    void changesetsAreSectionsOnTheFilesOwnLines() throws IOException {
        project.file("db/changelog.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                          <include file="changes/users.sql" relativeToChangelogFile="true"/>
                          <includeAll path="more/"/>
                        </databaseChangeLog>
                        """)
                .file("db/changes/users.sql", USERS)
                .file("db/more/002_b.sql", "--liquibase formatted sql\n--changeset dan:b\ncreate table b (id int);\n")
                .file("db/more/001_raw.sql", "create table raw_one (id int);\n");
        List<MigrationRef> refs = list(null);
        assertThat(refs).extracting(MigrationRef::version).extracting(v -> v == null ? null : v.toString())
                .containsExactly("1.1", "1.2", "1.3", "2.1", "3.1", null);
        assertThat(refs).extracting(MigrationRef::foreignId).containsExactly(
                "liquibase:changes/users.sql::1::alice", "liquibase:changes/users.sql::2::bob",
                "liquibase:changes/users.sql::3::alice", "liquibase:more/001_raw.sql::raw::includeAll",
                "liquibase:more/002_b.sql::b::dan", "liquibase:changes/users.sql::view::carol");
        assertThat(refs.get(0).description()).isEqualTo("the users");
        FileMigrationSource s = source(null);
        String up1 = s.text(refs.get(0).up().get(0));
        String down1 = s.text(refs.get(0).down().get(0));
        assertThat(up1.split("\n", -1)).hasSize(USERS.split("\n", -1).length);
        assertThat(up1.split("\n")[4]).isEqualTo("create table users (id int);");
        assertThat(up1.strip()).isEqualTo("create table users (id int);");
        assertThat(down1.strip()).isEqualTo("drop table users;");
        String up3 = s.text(refs.get(2).up().get(0));
        assertThat(up3.strip()).isEqualTo("-- dbshift:no-transaction\n-- dbshift:statement-begin\n"
                + "create index users_id on users (id);\n-- dbshift:statement-end");
        assertThat(s.text(refs.get(2).down().get(0)).strip()).isEqualTo("-- dbshift:no-transaction\n\n\ndrop index users_id;");
        assertThat(refs.get(5).kind()).isEqualTo(MigrationKind.REPEATABLE);
        assertThat(s.text(refs.get(5).up().get(0)).strip()).isEqualTo("create view v as select id from users;");
        // contexts filter by the environment: bob:2 is prod's only
        assertThat(list("dev")).extracting(MigrationRef::foreignId).doesNotContain("liquibase:changes/users.sql::2::bob");
        assertThat(list("prod")).extracting(MigrationRef::foreignId).contains("liquibase:changes/users.sql::2::bob");
        // appending a changeset to the last file renumbers nothing
        project.file("db/more/002_b.sql", "--liquibase formatted sql\n--changeset dan:b\ncreate table b (id int);\n"
                + "--changeset dan:c\ncreate table c (id int);\n");
        List<MigrationRef> after = list(null);
        assertThat(after.subList(0, 5)).extracting(MigrationRef::checksum)
                .containsExactlyElementsOf(refs.subList(0, 5).stream().map(MigrationRef::checksum).toList());
        assertThat(after.get(5).version()).isEqualTo(Version.parse("3.2"));
    }

    @Test
    void yamlChangelogsIncludeToo() {
        project.file("db/changelog.yaml", """
                        databaseChangeLog:
                          - include:
                              file: a.sql
                          - includeAll:
                              path: later/
                        """)
                .file("db/a.sql", "--liquibase formatted sql\n--changeset x:1\nselect 1;\n")
                .file("db/later/b.sql", "--liquibase formatted sql\n--changeset x:2\nselect 2;\n");
        assertThat(list(null)).extracting(MigrationRef::foreignId).containsExactly("liquibase:a.sql::1::x", "liquibase:later/b.sql::2::x");
    }

    @Test
    void refusesWhatItCannotRunAsLiquibaseWouldNamingFileAndLine() {
        project.file("db/changelog.xml", """
                        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                          <include file="ok.sql"/>
                          <changeSet id="7" author="eve"><createTable tableName="t"/></changeSet>
                        </databaseChangeLog>
                        """)
                .file("db/changelog.yml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 8
                              author: eve
                              changes:
                                - addColumn:
                                    tableName: t
                        """)
                .file("db/ok.sql", """
                        --liquibase formatted sql
                        --changeset a:1 runAlways:true
                        select 1;
                        --changeset a:2 failOnError:false
                        select 2;
                        --changeset a:3
                        --preconditions onFail:HALT
                        --precondition-sql-check expectedResult:0 select count(*) from t
                        select 3;
                        --changeset a:4 dbms:oracle frobnicate:yes
                        select 4;
                        """)
                .file("db/stray.sql", "select 1;\n");
        assertThatThrownBy(() -> list(null)).isInstanceOf(DbShiftException.class).satisfies(e -> assertThat(e.getMessage()).contains(
                "db/changelog.xml: changeSet 7 by eve uses the Liquibase change type <createTable>",
                "db/changelog.yml: changeSet 8 by eve uses the Liquibase change type 'addColumn'",
                "db/ok.sql:2: runAlways:true", "db/ok.sql:4: failOnError:false",
                "db/ok.sql:7: '--preconditions' is not read", "db/ok.sql:8: '--precondition-sql-check' is not read",
                "db/ok.sql:10: the changeset attribute 'frobnicate'", "db/ok.sql:10: dbms:oracle",
                "db/stray.sql: a SQL file no Liquibase changelog includes"));
    }
}
