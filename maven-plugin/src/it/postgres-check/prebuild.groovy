// A schema no other build uses: dbshift creates it, verify.groovy drops it.
String schema = 'mvn_it_' + UUID.randomUUID().toString().replace('-', '').substring(0, 16)
new File(basedir, 'schema.txt').text = schema
new File(basedir, 'dbshift.toml').text = """\
url = "jdbc:postgresql://127.0.0.1:5432/test"
user = "postgres"
schemas = ["${schema}"]
"""
return true
