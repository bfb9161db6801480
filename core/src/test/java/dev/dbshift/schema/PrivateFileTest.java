package dev.dbshift.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Offline scripts and dumps are written whole and readable by their owner only; a failed write leaves the old file. */
class PrivateFileTest {
    @TempDir
    Path dir;

    @Test
    void aScriptIsWrittenWholeForItsOwnerOnly() throws IOException {
        Path file = dir.resolve("out.sql");
        Files.writeString(file, "an older script\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFile.writeWhole(file, "CREATE TABLE t (id INT);\n");
        assertThat(Files.readString(file)).isEqualTo("CREATE TABLE t (id INT);\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all).containsExactly(file);
        }
    }

    @Test
    void aWriteThatFailsLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("out.sql");
        Files.writeString(file, "the last whole script\n");
        // the hidden file the script is written to first cannot be made: a folder that is not empty holds its name
        Files.createDirectories(dir.resolve(".out.sql.dbshift-new/x"));
        assertThatThrownBy(() -> PrivateFile.writeWhole(file, "CREATE TABLE t (id INT);\n")).isInstanceOf(IOException.class);
        assertThat(Files.readString(file)).isEqualTo("the last whole script\n");
    }
}
