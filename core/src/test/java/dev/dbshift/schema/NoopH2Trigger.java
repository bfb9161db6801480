package dev.dbshift.schema;

import org.h2.api.Trigger;

import java.sql.Connection;

/** An H2 trigger class for the fixtures: H2 triggers are Java classes. Does nothing. */
public class NoopH2Trigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        // nothing to do: the fixture only needs the trigger to exist
    }
}
