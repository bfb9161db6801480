package dev.dbshift;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.dbshift.history.HistoryRow;
import dev.dbshift.history.RunRow;
import dev.dbshift.testing.Pure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of DESIGN.md and issue 10, checked on core's compiled classes (main code only: tests may
 * build rows and name vendors). Each rule is its own test so a failing build names the rule broken; a
 * rule about a package that does not exist yet ({@code command}, {@code session}) passes on no classes
 * rather than failing, so the rules can be in the build before the packages are.
 */
@Pure
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.dbshift");

    /** The facade and its nested types (the Builder). */
    private static final DescribedPredicate<JavaClass> FACADE = belongToAnyOf(DbShift.class).as("the DbShift facade");

    /** A fleet runs commands through the facade, one per target: like the CLI, it reads the reports they return. */
    @Test
    void onlyTheFacadeUsesCommands() {
        noClasses().that().resideOutsideOfPackages("dev.dbshift.command..", "dev.dbshift.fleet..").and(DescribedPredicate.not(FACADE))
                .should().dependOnClassesThat().resideInAPackage("dev.dbshift.command..")
                .check(CORE);
    }

    /**
     * Commands work over the layers below them. The root package's values and exceptions ({@code
     * DbShiftException}, {@code StatusReport}, ...) are the API a command returns and throws; the facade
     * itself is not, so the facade depends on commands and never the other way.
     */
    @Test
    void commandsUseOnlyTheLayersBelow() {
        classes().that().resideInAPackage("dev.dbshift.command..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("dev.dbshift.command..", "dev.dbshift.session..",
                        "dev.dbshift.plan..", "dev.dbshift.execute..", "dev.dbshift.history..", "dev.dbshift.migration..",
                        "dev.dbshift.sql..", "dev.dbshift.schema..", "dev.dbshift.db", "dev.dbshift.config..",
                        "dev.dbshift.check..", "dev.dbshift.online..", "dev.dbshift.lint..", "java..", "javax..")
                        .or(resideInAPackage("dev.dbshift").and(DescribedPredicate.not(FACADE))
                                .as("the root package's values and exceptions")))
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void sessionsKnowNoCommand() {
        noClasses().that().resideInAPackage("dev.dbshift.session..")
                .should().dependOnClassesThat().resideInAPackage("dev.dbshift.command..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void planningDoesNoIo() {
        noClasses().that().resideInAPackage("dev.dbshift.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..")
                .orShould().dependOnClassesThat(assignableTo(Connection.class).or(assignableTo(Statement.class))
                        .or(assignableTo(ResultSet.class)).or(belongToAnyOf(DriverManager.class))
                        .as("JDBC connections, statements and results"))
                .check(CORE);
    }

    /** Vendor knowledge lives in {@code db/<vendor>/}: its own package and its own JDBC driver, nowhere else. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "h2,       org.h2..",
            "postgres, org.postgresql..",
            "mysql,    org.mariadb..|com.mysql..",
            "sqlite,   org.sqlite..",
    })
    void onlyTheVendorPackageNamesItsVendor(String vendor, String driverPackages) {
        String home = "dev.dbshift.db." + vendor + "..";
        noClasses().that().resideOutsideOfPackage(home)
                .should().dependOnClassesThat().resideInAPackage(home)
                .orShould().dependOnClassesThat().resideInAnyPackage(driverPackages.split("\\|"))
                .check(CORE);
    }

    @Test
    void onlineChangeDoesNotDependOnMysql() {
        noClasses().that().resideInAPackage("dev.dbshift.online..")
                .should().dependOnClassesThat().resideInAPackage("dev.dbshift.db.mysql..")
                .check(CORE);
    }

    /** History rows are built through their named factories ({@code HistoryRow.applied}, {@code RunRow.start}). */
    @Test
    void historyRowsAreBuiltOnlyInTheHistoryPackage() {
        noClasses().that().resideOutsideOfPackage("dev.dbshift.history..")
                .should().callConstructorWhere(canonicalConstructorOf(HistoryRow.class)
                        .or(canonicalConstructorOf(RunRow.class)))
                .check(CORE);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.dbshift.(*)..").should().beFreeOfCycles().check(CORE);
    }

    private static DescribedPredicate<JavaConstructorCall> canonicalConstructorOf(Class<? extends Record> record) {
        List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .map(Class::getName).toList();
        return DescribedPredicate.describe("the canonical constructor of " + record.getSimpleName(), call ->
                call.getTargetOwner().isEquivalentTo(record)
                        && call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList().equals(components));
    }
}
