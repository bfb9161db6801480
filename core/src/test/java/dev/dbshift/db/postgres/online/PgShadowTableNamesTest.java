package dev.dbshift.db.postgres.online;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A clause naming one of the table's keys is applied to the same key on the shadow, names read as PostgreSQL reads them. */
class PgShadowTableNamesTest {

    private static final Map<String, String> KEYS = Map.of("items_pkey", "_items_new_pkey");

    @Test
    void aClauseNamingAKeyNamesTheShadowsKeyUnquotedInAnyCaseQuotedOnlyAsWritten() {
        assertThat(PgShadowTable.onTarget("DROP CONSTRAINT items_pkey", KEYS)).isEqualTo("DROP CONSTRAINT \"_items_new_pkey\"");
        assertThat(PgShadowTable.onTarget("drop constraint if exists ITEMS_PKEY, ADD PRIMARY KEY (id)", KEYS))
                .isEqualTo("drop constraint if exists \"_items_new_pkey\", ADD PRIMARY KEY (id)");
        assertThat(PgShadowTable.onTarget("RENAME CONSTRAINT \"items_pkey\" TO items_pk", KEYS))
                .isEqualTo("RENAME CONSTRAINT \"_items_new_pkey\" TO items_pk");
        assertThat(PgShadowTable.onTarget("DROP CONSTRAINT \"ITEMS_PKEY\"", KEYS)).as("another constraint").isEqualTo(
                "DROP CONSTRAINT \"ITEMS_PKEY\"");
        assertThat(PgShadowTable.onTarget("DROP CONSTRAINT items_pkey2", KEYS)).isEqualTo("DROP CONSTRAINT items_pkey2");
    }
}
