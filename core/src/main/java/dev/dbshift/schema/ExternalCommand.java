package dev.dbshift.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs an external program (a dump tool) to completion. Secrets go in {@code environment}, never
 * in {@code command}, where any user of the machine could read them from the process list.
 *
 * @param command     the program and its arguments
 * @param environment added to the inherited environment
 */
public record ExternalCommand(List<String> command, Map<String, String> environment) {

    /** Exit code and the end of what the program wrote on stderr. */
    public record Outcome(int exitCode, String errors) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public Outcome run() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Path errors = Files.createTempFile("dbshift-tool", ".err");
        try {
            pb.redirectError(errors.toFile());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            String err = Files.readString(errors, StandardCharsets.UTF_8).strip();
            return new Outcome(code, err.length() > 2000 ? err.substring(err.length() - 2000) : err);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
