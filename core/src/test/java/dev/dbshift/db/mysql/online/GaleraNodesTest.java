package dev.dbshift.db.mysql.online;

import dev.dbshift.db.mysql.GaleraAddresses;
import dev.dbshift.online.OnlineException;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a Galera cluster's nodes are read from {@code wsrep_incoming_addresses}. A node that reports no address cannot
 * be checked, so the change is refused with the setting that fixes it. On a loopback bind address MariaDB reports
 * {@code AUTO} for each node (seen on this machine's test cluster before it set {@code wsrep_node_incoming_address}).
 * The checks on a real cluster are in the cli's GaleraIT.
 */
@Pure
class GaleraNodesTest {

    @Test
    void eachNodeIsItsHostAndPort() {
        assertThat(GaleraNodes.addresses(new GaleraAddresses("10.0.0.5:3306,10.0.0.6:3306, db3.example:3307")))
                .containsExactly("10.0.0.5:3306", "10.0.0.6:3306", "db3.example:3307");
        assertThat(GaleraNodes.addresses(new GaleraAddresses("[fd00::5]:3306"))).containsExactly("[fd00::5]:3306");
    }

    @Test
    void aNodeWithoutAnAddressRefusesTheChangeNamingTheSetting() {
        for (String reported : new String[] {"AUTO,AUTO,AUTO", "10.0.0.5:3306,AUTO", "10.0.0.5:3306,,10.0.0.7:3306", "",
                "10.0.0.5"}) {
            assertThatThrownBy(() -> GaleraNodes.addresses(new GaleraAddresses(reported))).as(reported)
                    .isInstanceOf(OnlineException.class)
                    .hasMessageContaining("wsrep_incoming_addresses is '" + reported + "'")
                    .hasMessageContaining("set wsrep_node_incoming_address on every node");
            assertThat(new GaleraAddresses(reported).allNamed()).as(reported).isFalse();
        }
    }

    @Test
    void aMigrationRunChecksTheNodesThatHaveAnAddress() {
        GaleraAddresses some = new GaleraAddresses("10.0.0.5:3306,AUTO, 10.0.0.7:3306");
        assertThat(some.named()).containsExactly("10.0.0.5:3306", "10.0.0.7:3306");
        assertThat(some.allNamed()).isFalse();
        assertThat(new GaleraAddresses(null).named()).isEmpty();
        assertThat(new GaleraAddresses("10.0.0.5:3306").allNamed()).isTrue();
    }

    @Test
    void aNodeUrlKeepsTheParametersButNotTheCredentialsTheDriverReports() {
        assertThat(GaleraAddresses.nodeUrl("jdbc:mariadb://db1/app?user=app&password=***&sslMode=verify-ca&connectTimeout=5000",
                "10.0.0.6:3306")).isEqualTo("jdbc:mariadb://10.0.0.6:3306/?sslMode=verify-ca&connectTimeout=5000");
        assertThat(GaleraAddresses.nodeUrl("jdbc:mysql://db1:3307/app", "[fd00::6]:3306")).isEqualTo("jdbc:mysql://[fd00::6]:3306/");
        assertThat(GaleraAddresses.nodeUrl("jdbc:mariadb://db1/app?USER=x&Password=y", "h:1")).isEqualTo("jdbc:mariadb://h:1/");
    }
}
