package dev.dbshift.db;

import dev.dbshift.DbShiftException;
import dev.dbshift.config.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link Database} for a JDBC URL among the service-loaded {@link DatabaseProvider}s. */
public final class Databases {
    private Databases() {
    }

    public static Database forUrl(String url) {
        List<String> names = new ArrayList<>();
        for (DatabaseProvider p : ServiceLoader.load(DatabaseProvider.class, Databases.class.getClassLoader())) {
            if (p.accepts(url)) {
                return p.create();
            }
            names.add(p.create().name());
        }
        throw new DbShiftException(DbShiftException.BAD_INPUT, "url: no supported database for '" + Secret.maskUrl(url)
                + "' (supported: " + String.join(", ", names) + "; JDBC URLs start with jdbc:h2:, jdbc:postgresql:,"
                + " jdbc:mariadb:, jdbc:mysql: or jdbc:sqlite:)");
    }
}
