// Checks the database and the build log after the two invocations of invoker.properties.
import java.sql.Connection

String log = new File(basedir, 'build.log').getText('UTF-8')

def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
// 1: up, status, sql, lint
expect('Applied 2 migrations; the database is now at 2.')
expect('[1/2] applied 1 (create users)')
expect('Current version: 2; 0 pending.')
expect('CREATE TABLE orders (id INT PRIMARY KEY, user_id INT NOT NULL)')   // the offline script
expect('No findings in 2 migrations')
// 2: down, status, new, diff
expect('Reverted 1 migration; the database is now at 1.')
expect('Current version: 1; 1 pending.')
expect('wrote migrations/3__add_order_notes.sql')
expect('Comparing the live schema -> the schema the migrations produce at head:')
expect('create table ORDERS (2 columns)')
assert new File(basedir, 'migrations/3__add_order_notes.sql').isFile()
assert new File(basedir, 'migrations/3__add_order_notes.down.sql').isFile()

assert !log.contains('h2-sample-pw') : 'the password is in the build log'
// the pom's url won over dbshift.toml's
assert new File(basedir, 'target/h2/app.mv.db').isFile()
assert !new File(basedir, 'db').exists()

String url = 'jdbc:h2:file:' + new File(basedir, 'target/h2/app').absolutePath
Properties credentials = new Properties()
credentials.setProperty('user', 'app')
credentials.setProperty('password', 'wrong')
try {
    new org.h2.Driver().connect(url, credentials).close()
    assert false : 'H2 accepted a wrong password: the one in the pom did not reach it'
} catch (java.sql.SQLException expected) {
}
credentials.setProperty('password', 'h2-sample-pw')    // <password>${env.H2_SAMPLE_PASSWORD}</password>
Connection c = new org.h2.Driver().connect(url, credentials)
try {
    def rows = []
    def rs = c.createStatement().executeQuery(
            'SELECT version, operation, success FROM dbshift_history ORDER BY id')
    while (rs.next()) {
        rows << [rs.getString(1), rs.getString(2), rs.getBoolean(3)]
    }
    assert rows == [['1', 'apply', true], ['2', 'apply', true], ['2', 'rollback', true]]
    // -Ddbshift.placeholders.owner won over the pom's <placeholders>, which won over dbshift.toml's
    rs = c.createStatement().executeQuery('SELECT name FROM users')
    assert rs.next() && rs.getString(1) == 'from-command-line'
    rs = c.createStatement().executeQuery(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ORDERS'")
    assert rs.next() && rs.getInt(1) == 0 : 'down did not drop orders'
} finally {
    c.close()
}
return true
