package dev.dbshift.testing;

import dev.dbshift.DbShift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A throw-away project folder with migration files, and a facade configured for a test database. */
public final class TestProject {
    private final Path dir;

    private TestProject(Path dir) {
        this.dir = dir;
    }

    public static TestProject create() {
        return new TestProject(Scratch.dir("dbshift-project"));
    }

    public Path dir() {
        return dir;
    }

    /** Writes (or overwrites) a file below the project folder. */
    public TestProject file(String path, String content) {
        return file(path, content, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes (or overwrites) a file below the project folder, its text in {@code charset}. */
    public TestProject file(String path, String content, java.nio.charset.Charset charset) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, charset);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the folder {@code from} (and everything below it) to {@code path} below the project folder. */
    public TestProject copy(Path from, String path) {
        Path to = dir.resolve(path);
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestProject delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder for {@code db}, with an empty process environment so the machine's variables cannot leak in. */
    public DbShift.Builder configure(DatabaseUnderTest db) {
        return DbShift.configure().projectDir(dir).environmentVariables(Map.of())
                .url(db.url()).user(db.user()).password(db.password());
    }
}
