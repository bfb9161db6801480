package dev.dbshift.migration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A location's root folder listed once, for every {@link MigrationFormat#detect} to look at: its entries and, when
 * a detector asks, every regular file below it. Twelve detectors used to list the folder (and two walked its tree)
 * each, with a {@code stat} per entry every time: about a tenth of a {@code status} with 1,000 scripts.
 *
 * <p>The root's entries are sorted by name, hidden ones ({@code .git}, {@code .keep}) left out, and typed by
 * following links, as the tools see them. The tree below is walked without following links inside it (as
 * {@link Files#walk} does), but from the root even when the root itself is a link to a folder: {@code Files.walk}
 * sees such a root as one file and never looks inside.
 *
 * <p>Each root entry is typed once, both ways: its own type ({@code lstat}), and for a link its target's too. The
 * tree and dbshift's own walk of the root ({@link #children}) start from those instead of listing and typing the
 * root again (it was listed three times, each entry typed three times): 10 ms less of the listing's 170 with 1,000
 * scripts, which a no-op {@code up} waits for.
 */
public final class FolderListing {
    private final Path dir;
    /** Every root entry, hidden ones too, in the order the folder gave them. */
    private final List<Child> children;
    private final List<Path> entries;
    private final List<Path> files;
    private final List<Path> folders;
    private List<Tree> tree;

    /** A regular file below the root and its depth (1: in the root). */
    public record Tree(Path file, int depth) {
    }

    /**
     * A root entry: its own attributes (a link's, not its target's; null when unreadable) and those found by
     * following it (the same object unless it is a link; null for a broken link).
     */
    record Child(String name, Path path, BasicFileAttributes own, BasicFileAttributes followed) {
    }

    private FolderListing(Path dir, List<Child> children, List<Path> entries, List<Path> files, List<Path> folders) {
        this.dir = dir;
        this.children = children;
        this.entries = entries;
        this.files = files;
        this.folders = folders;
    }

    /** Lists {@code dir}; fails as reading the folder fails. */
    public static FolderListing of(Path dir) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                BasicFileAttributes own = attributes(p, LinkOption.NOFOLLOW_LINKS);
                BasicFileAttributes followed = own != null && !own.isSymbolicLink() ? own : attributes(p);
                children.add(new Child(name(p), p, own, followed));
            }
        }
        // each entry's name is taken once: a comparator taking both names per comparison made 60 MB of garbage
        // sorting 10,000 scripts
        List<Child> listed = new ArrayList<>(children.size());
        for (Child c : children) {
            if (!c.name().startsWith(".")) {
                listed.add(c);
            }
        }
        listed.sort(Comparator.comparing(Child::name));
        List<Path> entries = new ArrayList<>(listed.size());
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Child c : listed) {
            entries.add(c.path());
            if (isDirectory(c.followed())) {
                folders.add(c.path());
            } else if (isRegularFile(c.followed())) {
                files.add(c.path());
            }
        }
        return new FolderListing(dir, Collections.unmodifiableList(children), Collections.unmodifiableList(entries),
                Collections.unmodifiableList(files), Collections.unmodifiableList(folders));
    }

    /** Every root entry, hidden ones included, as listed: for a walk of the root that does not list it again. */
    List<Child> children() {
        return children;
    }

    public Path dir() {
        return dir;
    }

    /** The root's entries in name order, hidden ones left out. */
    public List<Path> entries() {
        return entries;
    }

    /** The root's regular files in name order, hidden ones left out. */
    public List<Path> files() {
        return files;
    }

    /** The root's folders in name order, hidden ones left out. */
    public List<Path> folders() {
        return folders;
    }

    /** Whether the root holds a regular file of that name. */
    public boolean hasFile(String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    /**
     * Every regular file below the root at most {@code maxDepth} deep (1: the root's own), hidden ones included, in
     * path order. Walked on the first call, and only then.
     */
    public List<Tree> tree(int maxDepth) throws IOException {
        if (tree == null) {
            List<Tree> all = new ArrayList<>();
            for (Child c : children) {
                add(c.path(), c.own(), c.followed(), 1, all);
            }
            all.sort((a, b) -> a.file().compareTo(b.file()));
            tree = Collections.unmodifiableList(all);
        }
        return maxDepth == Integer.MAX_VALUE ? tree : tree.stream().filter(t -> t.depth() <= maxDepth).toList();
    }

    /**
     * Every regular file below {@code dir} in path order, walked as {@link #tree} walks (into a root that is a link,
     * not into links below it): what a format reads its migrations from.
     */
    public static List<Path> regularFiles(Path dir) throws IOException {
        List<Tree> all = new ArrayList<>();
        walk(dir, 1, all);
        return all.stream().map(Tree::file).sorted().toList();
    }

    private static void walk(Path folder, int depth, List<Tree> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                BasicFileAttributes own = attributes(p, LinkOption.NOFOLLOW_LINKS);
                add(p, own, own != null && own.isSymbolicLink() ? attributes(p) : own, depth, out);
            }
        }
    }

    /** {@code p} into {@code out} when a regular file or a link to one, or walked into when a folder (not a link). */
    private static void add(Path p, BasicFileAttributes own, BasicFileAttributes followed, int depth, List<Tree> out)
            throws IOException {
        if (own == null) {
            return;
        }
        if (own.isDirectory()) {
            walk(p, depth + 1, out);
        } else if (own.isRegularFile() || own.isSymbolicLink() && isRegularFile(followed)) {
            out.add(new Tree(p, depth));
        }
    }

    /**
     * An entry's attributes in one {@code stat} ({@code Files.isDirectory}, then {@code isRegularFile}, took two per
     * file: 40,000 calls for a folder of 10,000 scripts listed twice); null when it cannot be read (a broken link),
     * which those calls answer as neither.
     */
    static BasicFileAttributes attributes(Path p, LinkOption... options) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isRegularFile(BasicFileAttributes a) {
        return a != null && a.isRegularFile();
    }

    static boolean isDirectory(BasicFileAttributes a) {
        return a != null && a.isDirectory();
    }

    /** The file name, without the trailing slash a zip file system gives folders. */
    private static String name(Path p) {
        String s = p.getFileName().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
