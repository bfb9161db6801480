package dev.dbshift.schema;

import java.util.List;
import java.util.Objects;

/**
 * A row security policy on a table (PostgreSQL): which rows the roles it names see or may write, once the table's row
 * security is on. Expressions are kept as the server prints them back.
 *
 * @param permissive false for {@code AS RESTRICTIVE}
 * @param command    {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param roles      the roles it applies to, sorted ({@code public} for every role)
 * @param using      the {@code USING} expression, or null
 * @param withCheck  the {@code WITH CHECK} expression, or null
 */
public record Policy(String name, boolean permissive, String command, List<String> roles, String using, String withCheck) {

    public Policy {
        Objects.requireNonNull(name, "name");
        roles = roles.stream().sorted().toList();
    }
}
