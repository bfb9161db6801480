package dev.dbshift.migration.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dbshift.migration.MigrationFormat.FormatFolder;
import dev.dbshift.migration.MigrationFormat.FormatSink;
import dev.dbshift.migration.format.LiquibaseFormat.ChangelogKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The table of contents of a Liquibase changelog tree: what each XML or YAML changelog includes, in order, and
 * which files are formatted SQL, plain SQL (reached by {@code includeAll}) or changelogs themselves. Parsing
 * the XML and YAML changelogs is all it does; what they would change in a Liquibase change type is refused
 * here, naming the file and the change type, since only formatted SQL becomes migrations.
 */
final class ChangelogIndex {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final FormatFolder folder;
    private final FormatSink sink;
    private final Map<Path, List<Path>> includes = new HashMap<>();
    private final Map<Path, ChangelogKind> kinds = new HashMap<>();

    ChangelogIndex(FormatFolder folder, FormatSink sink) {
        this.folder = folder;
        this.sink = sink;
    }

    /** What {@code p} is; a SQL file without the formatted header is plain SQL, another file null. */
    ChangelogKind kind(Path p) throws IOException {
        if (!kinds.containsKey(p)) {
            ChangelogKind k = LiquibaseFormat.kind(p);
            kinds.put(p, k == null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")
                    ? ChangelogKind.RAW_SQL : k);
        }
        return kinds.get(p);
    }

    /** The files changelog {@code p} includes, in its order (none for a SQL file). */
    List<Path> includes(Path p) throws IOException {
        List<Path> known = includes.get(p);
        if (known != null) {
            return known;
        }
        List<Path> out = new ArrayList<>();
        includes.put(p, out);
        ChangelogKind k = kind(p);
        if (k == ChangelogKind.XML) {
            xml(p, out);
        } else if (k == ChangelogKind.YAML) {
            yaml(p, out);
        }
        return out;
    }

    /** Adds {@code p} and, depth first, what it includes to {@code order}; {@code path} is the include chain (cycles). */
    void flatten(Path p, Set<Path> order, List<Path> path) throws IOException {
        if (path.contains(p)) {
            sink.problem(folder.display(p) + ": includes itself through " + String.join(" -> ",
                    path.stream().map(folder::display).toList()));
            return;
        }
        if (!order.add(p)) {
            return;
        }
        path.add(p);
        for (Path child : includes(p)) {
            flatten(child, order, path);
        }
        path.remove(path.size() - 1);
    }

    private void xml(Path p, List<Path> out) throws IOException {
        String display = folder.display(p);
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new org.xml.sax.InputSource(new StringReader(folder.text(p))));
        } catch (SAXException | ParserConfigurationException e) {
            sink.problem(display + ": not a readable XML changelog: " + e.getMessage());
            return;
        }
        Element root = doc.getDocumentElement();
        if (!root.getLocalName().equals("databaseChangeLog")) {
            sink.problem(display + ": the root element is <" + root.getLocalName() + ">, not <databaseChangeLog>");
            return;
        }
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (!(n instanceof Element e)) {
                continue;
            }
            String tag = e.getLocalName();
            switch (tag) {
                case "include" -> include(p, e.getAttribute("file"), e.getAttribute("relativeToChangelogFile"),
                        extra(e, Set.of("file", "relativeToChangelogFile")), out);
                case "includeAll" -> includeAll(p, e.getAttribute("path"), e.getAttribute("relativeToChangelogFile"),
                        extra(e, Set.of("path", "relativeToChangelogFile", "errorIfMissingOrEmpty")), out);
                case "changeSet" -> sink.problem(display + ": changeSet " + e.getAttribute("id") + " by "
                        + e.getAttribute("author") + " uses the Liquibase change type <" + firstChange(e)
                        + ">, which dbshift does not read; write it as a formatted SQL changelog (--changeset)");
                default -> sink.problem(display + ": <" + tag + "> is not read; dbshift reads XML changelogs"
                        + " that include or includeAll formatted SQL files");
            }
        }
    }

    /** The first change type of a changeSet (its child that is neither a comment nor a rollback). */
    private static String firstChange(Element changeSet) {
        NodeList c = changeSet.getChildNodes();
        for (int i = 0; i < c.getLength(); i++) {
            if (c.item(i) instanceof Element e && !Set.of("comment", "rollback", "preConditions", "validCheckSum")
                    .contains(e.getLocalName())) {
                return e.getLocalName();
            }
        }
        return "none";
    }

    /** Attributes of an include this reader does not know (they would change what is included). */
    private static String extra(Element e, Set<String> known) {
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            String name = e.getAttributes().item(i).getLocalName();
            if (name != null && !known.contains(name) && !name.equals("xmlns")) {
                return name;
            }
        }
        return null;
    }

    private void yaml(Path p, List<Path> out) throws IOException {
        String display = folder.display(p);
        JsonNode root;
        try {
            root = YAML.readTree(folder.text(p));
        } catch (IOException e) {
            sink.problem(display + ": not a readable YAML changelog: " + e.getMessage());
            return;
        }
        JsonNode list = root == null ? null : root.get("databaseChangeLog");
        if (list == null || !list.isArray()) {
            sink.problem(display + ": expected 'databaseChangeLog:' holding a list");
            return;
        }
        for (JsonNode entry : list) {
            Iterator<Map.Entry<String, JsonNode>> it = entry.fields();
            if (!it.hasNext()) {
                continue;
            }
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "include" -> include(p, text(v, "file"), text(v, "relativeToChangelogFile"),
                        extra(v, Set.of("file", "relativeToChangelogFile")), out);
                case "includeAll" -> includeAll(p, text(v, "path"), text(v, "relativeToChangelogFile"),
                        extra(v, Set.of("path", "relativeToChangelogFile", "errorIfMissingOrEmpty")), out);
                case "changeSet" -> {
                    JsonNode changes = v.get("changes");
                    String type = changes != null && changes.isArray() && changes.size() > 0 && changes.get(0).fieldNames().hasNext()
                            ? changes.get(0).fieldNames().next() : "none";
                    sink.problem(display + ": changeSet " + text(v, "id") + " by " + text(v, "author")
                            + " uses the Liquibase change type '" + type + "', which dbshift does not read; write it as a"
                            + " formatted SQL changelog (--changeset)");
                }
                default -> sink.problem(display + ": '" + e.getKey() + "' is not read; dbshift reads YAML changelogs"
                        + " that include or includeAll formatted SQL files");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : "";
    }

    private static String extra(JsonNode n, Set<String> known) {
        if (n == null) {
            return null;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /** Where an include's {@code file} or {@code path} is: beside the changelog, or under the location (Liquibase's search path). */
    private Path resolve(Path changelog, String name, String relative) {
        String n = name.startsWith("classpath:") ? name.substring("classpath:".length()) : name;
        n = n.replaceFirst("^/+", "");
        Path base = "true".equalsIgnoreCase(relative.trim()) ? changelog.getParent() : folder.dir();
        return base.resolve(n).normalize();
    }

    private boolean inside(Path changelog, Path target, String name) {
        if (!target.startsWith(folder.dir())) {
            sink.problem(folder.display(changelog) + ": includes '" + name + "', outside the migrations folder");
            return false;
        }
        return true;
    }

    private void include(Path changelog, String file, String relative, String extra, List<Path> out) throws IOException {
        String display = folder.display(changelog);
        if (extra != null) {
            sink.problem(display + ": include " + file + " has '" + extra + "', which dbshift does not read");
            return;
        }
        if (file.isBlank()) {
            sink.problem(display + ": an include without a file");
            return;
        }
        Path target = resolve(changelog, file, relative);
        if (!inside(changelog, target, file)) {
            return;
        }
        if (!Files.isRegularFile(target)) {
            sink.problem(display + ": includes '" + file + "', which does not exist (" + folder.display(target) + ")");
            return;
        }
        if (kind(target) == null) {
            sink.problem(display + ": includes '" + file + "', which is not a Liquibase changelog");
            return;
        }
        out.add(target);
    }

    private void includeAll(Path changelog, String path, String relative, String extra, List<Path> out) throws IOException {
        String display = folder.display(changelog);
        if (extra != null) {
            sink.problem(display + ": includeAll " + path + " has '" + extra + "', which dbshift does not read");
            return;
        }
        Path dir = resolve(changelog, path, relative);
        if (!inside(changelog, dir, path)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            sink.problem(display + ": includeAll '" + path + "', which is not a folder (" + folder.display(dir) + ")");
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".sql") || n.endsWith(".xml") || n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList();
        }
        for (Path f : files) {
            if (f.equals(changelog)) {
                continue;
            }
            if (kind(f) == null) {
                sink.problem(folder.display(f) + ": includeAll '" + path + "' reaches it, and it is not a Liquibase changelog");
                continue;
            }
            out.add(f);
        }
    }
}
