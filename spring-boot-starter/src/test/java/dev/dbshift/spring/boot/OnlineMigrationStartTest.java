package dev.dbshift.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbshift.DbShift;
import dev.dbshift.online.OnlineOptions;
import dev.dbshift.online.OnlineResult;
import dev.dbshift.online.Phase;
import dev.dbshift.testing.TestDatabase;
import dev.dbshift.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code -- dbshift:online} migration run at start-up goes through the application's pool (HikariCP), whose
 * connections keep their sessions when handed back. The engine's table lock was left to the end of its connection's
 * session, so it stayed with an idle pooled session while the application ran, and a DBA's {@code online alter} of the
 * same table was refused as "another dbshift process is running the online change". The engine gives it back when the
 * change ends.
 */
class OnlineMigrationStartTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Vendor.class, names = {"POSTGRES", "MARIADB"})
    void anOnlineMigrationLeavesNoLockWithThePoolForTheNextChange(TestDatabase.Vendor vendor) throws Exception {
        TestDatabase db = databases.start(vendor);
        Map<String, Object> props = Apps.on(db);
        props.put("dbshift.locations", "classpath:db/online");
        try (ConfigurableApplicationContext app = Apps.start(props)) {
            assertThat(app.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
            assertThat(Apps.history(db)).containsExactly("1 apply true", "2 apply true", "3 apply true");
            // the application runs, its pool open: a change of the same table from outside it
            DbShift dba = DbShift.configure().url(db.url()).user(db.user()).password(db.password()).load();
            OnlineResult r = dba.online().alter(null, "person", "ADD COLUMN nick2 VARCHAR(20) NULL",
                    OnlineOptions.defaults(), null);
            assertThat(r.outcome()).isEqualTo(Phase.DONE);
        }
    }
}
