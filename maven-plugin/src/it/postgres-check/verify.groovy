// Checks the history in PostgreSQL and the build log after the four invocations, then drops the sample's schema.
import java.sql.Connection

String log = new File(basedir, 'build.log').getText('UTF-8')
String schema = new File(basedir, 'schema.txt').text.trim()

Properties credentials = new Properties()
credentials.setProperty('user', 'postgres')
Connection c = new org.postgresql.Driver().connect('jdbc:postgresql://127.0.0.1:5432/test', credentials)
try {
    def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
    // 1
    expect('Applied 1 migration; the database is now at 1.')
    expect('Database: postgresql, schema ' + schema)
    expect('(f) password = <password>${dbshift.password}</password>')   // Maven's debug list shows the expression
    assert !log.contains('pw-Zq81-never-logged') : 'the password is in the build log'
    // 2: -Ddbshift.locations=edited won over the pom's <locations>; the edit fails the build
    expect('[checksum_changed]')
    expect('dbshift:check: 1 problem')
    // 3: the dry run prints the plan and its statements and runs nothing (the history below has one attempt at 2)
    expect('dry run: up to head, 1 step(s); nothing is executed')
    expect('-- broken/2__add_balance.sql:3')
    expect('broken/2__add_balance.sql:3')
    expect('no_such_column')
    // 4: lint's error finding fails the build, naming the rule and the file
    expect('pg-index-not-concurrent')
    expect('unsafe/2__email_index.sql:2')
    expect('dbshift:lint: ')

    def rows = []
    def rs = c.createStatement().executeQuery(
            "SELECT version, operation, success FROM \"${schema}\".dbshift_history ORDER BY id")
    while (rs.next()) {
        rows << [rs.getString(1), rs.getString(2), rs.getBoolean(3)]
    }
    assert rows == [['1', 'apply', true], ['2', 'apply', false]]
    // PostgreSQL's DDL is transactional: the failed migration left no column behind
    rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.columns"
            + " WHERE table_schema = '${schema}' AND table_name = 'accounts' AND column_name = 'balance'")
    assert rs.next() && rs.getInt(1) == 0
} finally {
    c.createStatement().execute("DROP SCHEMA IF EXISTS \"${schema}\" CASCADE")
    c.close()
}
return true
