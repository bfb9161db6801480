package dev.dbshift.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text table of status, history and errors: columns padded to the widest cell, no trailing blanks. */
class OutputTableTest {

    @Test
    void columnsArePaddedToTheWidestCellAndLinesEndWithoutBlanks() {
        Output.Table t = new Output.Table("Version", "State", "Description")
                .row("1", "applied", "create users")
                .row("10.2", null, "")
                .row("3", "pending  ", "x ");
        assertThat(t.render()).isEqualTo("""
                Version  State      Description
                -------  ---------  ------------
                1        applied    create users
                10.2
                3        pending    x
                """);
        assertThat(t.size()).isEqualTo(3);
    }

    @Test
    void aWideLastCellDoesNotWidenOtherLines() {
        Output.Table t = new Output.Table("A", "B").row("a", "b".repeat(5000)).row("a", "b");
        String[] lines = t.render().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEqualTo("a  b");
    }
}
