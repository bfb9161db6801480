package dev.dbshift.schema;

import java.util.List;
import java.util.Optional;

/**
 * The canonical, vendor-neutral model of one schema: what {@link SchemaReader} reads from the
 * catalog and what {@link SchemaDiff} compares and {@link DdlWriter} writes. Lists are copied and
 * sorted by name on construction, so two models of the same schema are equal however they were
 * built; only columns keep their table's order (the order a DDL writer recreates), but neither the
 * checksum nor the diff looks at it.
 */
public record SchemaModel(List<Table> tables, List<View> views, List<Sequence> sequences,
                          List<Trigger> triggers, List<Routine> routines, List<EnumType> enumTypes, List<Domain> domains,
                          List<CompositeType> compositeTypes, List<String> extensions, List<String> extensionObjects,
                          java.util.Map<String, String> comments) {

    public SchemaModel {
        tables = Named.sorted(tables, Table::name);
        views = Named.sorted(views, View::name);
        sequences = Named.sorted(sequences, Sequence::name);
        triggers = Named.sorted(triggers, t -> t.table() + "." + t.name());
        routines = Named.sorted(routines, Routine::name);
        enumTypes = Named.sorted(enumTypes, EnumType::name);
        domains = Named.sorted(domains, Domain::name);
        compositeTypes = Named.sorted(compositeTypes, CompositeType::name);
        extensions = extensions == null ? List.of() : Named.sorted(extensions, e -> e);
        extensionObjects = extensionObjects == null ? List.of() : Named.sorted(extensionObjects, e -> e);
        comments = comments == null || comments.isEmpty() ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(comments));
    }

    /**
     * A schema without comments on its tables and columns. {@link #comments()} holds them, keyed by {@link
     * #commentKey}: what a DBA wrote for the next reader, which the diff, a baseline and the dump carry, and which no
     * version of the checksum counts (a comment changes nothing the database does).
     */
    public SchemaModel(List<Table> tables, List<View> views, List<Sequence> sequences, List<Trigger> triggers,
                       List<Routine> routines, List<EnumType> enumTypes, List<Domain> domains, List<CompositeType> compositeTypes,
                       List<String> extensions, List<String> extensionObjects) {
        this(tables, views, sequences, triggers, routines, enumTypes, domains, compositeTypes, extensions, extensionObjects,
                java.util.Map.of());
    }

    /** The key of {@link #comments()} for a table's comment ({@code column} null) or one of its columns'. */
    public static String commentKey(String table, String column) {
        return column == null ? table : table + "\u0000" + column;
    }

    /** The comment on a table ({@code column} null) or on one of its columns, or null. */
    public String comment(String table, String column) {
        return comments.get(commentKey(table, column));
    }

    /**
     * A schema whose objects are all its own. {@link #extensionObjects()} names the tables, views, sequences and enum
     * types among this model's that an extension made ({@code pg_stat_statements}' view, PostGIS's {@code
     * spatial_ref_sys}): {@code CREATE EXTENSION} makes them, so the diff and the DDL leave them out, and the checksum
     * from {@code s9}, which counts the extension instead (older versions counted them, and still do).
     */
    public SchemaModel(List<Table> tables, List<View> views, List<Sequence> sequences, List<Trigger> triggers,
                       List<Routine> routines, List<EnumType> enumTypes, List<Domain> domains, List<CompositeType> compositeTypes,
                       List<String> extensions) {
        this(tables, views, sequences, triggers, routines, enumTypes, domains, compositeTypes, extensions, List.of());
    }

    /** This model without the objects its extensions made ({@link #extensionObjects()}): the schema's own. */
    public SchemaModel ownObjects() {
        if (extensionObjects.isEmpty()) {
            return this;
        }
        java.util.Set<String> theirs = new java.util.HashSet<>(extensionObjects);
        return new SchemaModel(tables.stream().filter(t -> !theirs.contains(t.name())).toList(),
                views.stream().filter(v -> !theirs.contains(v.name())).toList(),
                sequences.stream().filter(q -> !theirs.contains(q.name())).toList(), triggers, routines,
                enumTypes.stream().filter(e -> !theirs.contains(e.name())).toList(), domains, compositeTypes, extensions, List.of(),
                comments);
    }

    /**
     * A schema without extensions: every vendor's but PostgreSQL's, whose {@link #extensions()} are those installed
     * in the schema ({@code CREATE EXTENSION citext}), by name: their types, functions and operators are what the
     * schema's columns and queries use, and their own objects are theirs, not the schema's.
     */
    public SchemaModel(List<Table> tables, List<View> views, List<Sequence> sequences, List<Trigger> triggers,
                       List<Routine> routines, List<EnumType> enumTypes, List<Domain> domains, List<CompositeType> compositeTypes) {
        this(tables, views, sequences, triggers, routines, enumTypes, domains, compositeTypes, List.of());
    }

    /** A schema without domains and composite types: every vendor's but PostgreSQL's. */
    public SchemaModel(List<Table> tables, List<View> views, List<Sequence> sequences, List<Trigger> triggers,
                       List<Routine> routines, List<EnumType> enumTypes) {
        this(tables, views, sequences, triggers, routines, enumTypes, List.of(), List.of());
    }

    public static SchemaModel empty() {
        return new SchemaModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** SHA-256 of the canonical form, tagged with its version: {@code s9:<hex>} (see {@code CanonicalForm.TAGS}). */
    public String checksum() {
        return CanonicalForm.checksum(this);
    }

    /** The checksum in the current version and in every older one, to compare with one an older dbshift recorded. */
    public LiveChecksum liveChecksum() {
        return new LiveChecksum(CanonicalForm.every(this, checksum()));
    }

    /** The text the checksum is computed over: one line per object and property, sorted. */
    public String canonicalText() {
        return CanonicalForm.text(this);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<View> view(String name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
