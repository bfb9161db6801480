package dev.dbshift.cli;

import dev.dbshift.DbShiftException;
import dev.dbshift.command.SchemaState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "checksum", mixinStandardHelpOptions = true,
        description = "Print the checksum of the live schema (tables, columns, keys, indexes, views, sequences, triggers,"
                + " routines; not data, counters or the history tables), and whether it matches the history.",
        footerHeading = "%nExamples:%n", footer = {"  dbshift checksum", "  dbshift checksum --verify   # exit 3 on drift",
                "  dbshift checksum -q         # just the checksum"})
final class ChecksumCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--verify", description = "Exit with code 3 when the live schema differs from the one the history recorded, or"
            + " cannot be compared with it (recorded by a newer dbshift).")
    boolean verify;

    @Override
    public Integer call() {
        SchemaState s = main.load().schemaState();
        Output o = main.output();
        if (s.live() == null) {
            throw new DbShiftException(DbShiftException.BAD_INPUT, "this database has no schema reader");
        }
        if (o.json) {
            var n = Output.object();
            n.put("checksum", s.live());
            n.put("recorded", s.recorded());
            n.put("recordedAfter", s.recordedAfter());
            n.put("drift", s.drift());
            n.put("compared", s.recorded() != null && !s.newer());
            o.json(n);
        } else {
            o.out.println(s.live());
            if (s.newer()) {
                o.say("not compared: " + s.notCompared());
            } else if (s.recorded() != null) {
                o.say(s.drift() ? "drift: the history recorded " + s.recorded() + " after " + s.recordedAfter()
                        : "matches the checksum recorded after " + s.recordedAfter());
            } else {
                o.say("the history has no recorded schema checksum yet");
            }
        }
        if (s.newer()) {
            if (!o.json) {
                o.error("dbshift: " + s.notCompared());
            }
            return verify ? DbShiftException.VALIDATION : 0;
        }
        if (s.drift()) {
            if (!o.json) {
                o.error("dbshift: schema drift: the live schema differs from the one recorded after " + s.recordedAfter());
            }
            return verify ? DbShiftException.VALIDATION : 0;
        }
        return 0;
    }
}
