/**
 * The conformance kit of the {@link dev.dbshift.db.Database} SPI, as golang-migrate's {@code database/testing}:
 * one abstract JUnit 5 class, {@link dev.dbshift.testing.conformance.DatabaseConformanceKit}, that every
 * implementation runs on a real database of its own. The four in-repository vendors run it from
 * {@code dev.dbshift.db.<vendor>.*ConformanceTest}; the CLI module runs it from outside core, through the
 * test-jar, as an outside vendor would.
 *
 * <p>An outside implementation (its own {@code DatabaseProvider} in {@code META-INF/services}) runs it so:
 * <pre>{@code
 * <dependency><groupId>dev.dbshift</groupId><artifactId>dbshift-core</artifactId><version>…</version></dependency>
 * <dependency><groupId>dev.dbshift</groupId><artifactId>dbshift-core</artifactId><version>…</version>
 *   <type>test-jar</type><scope>test</scope></dependency>
 * <!-- and junit-jupiter and assertj-core, test scope -->
 *
 * class AcmeDbConformanceTest extends DatabaseConformanceKit {
 *     protected DatabaseUnderTest newDatabase() {
 *         String name = "kit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
 *         // create schema `name` on the test server, then:
 *         return new DatabaseUnderTest() {
 *             public String url() { return "jdbc:acme://127.0.0.1:7000/" + name; }
 *             public String user() { return "test"; }
 *             public String password() { return ""; }
 *             public void close() { } // drop schema `name`
 *         };
 *     }
 * }
 * }</pre>
 * The kit asks the implementation only what it says of itself (transactional DDL or not, its quoting, its
 * dialect, its locker) and never names a vendor, so a new implementation needs no change to the kit. It is
 * deliberately the SPI's contract, not every behaviour of the tool: the facade-level suites
 * ({@code MigrationConformanceTest}, {@code ToolboxConformanceTest}) stay with the in-repository vendors,
 * whose particular facts they spell out.
 */
package dev.dbshift.testing.conformance;
