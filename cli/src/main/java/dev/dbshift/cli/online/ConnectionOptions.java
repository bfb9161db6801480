package dev.dbshift.cli.online;

import dev.dbshift.online.ConnectionFactory;
import picocli.CommandLine.Option;

/**
 * Where the table lives. Self-contained for now; when the main command's settings (dbshift.toml,
 * environments, DBSHIFT_* variables) are wired in, {@link OnlineCommand#connections} can be given
 * a factory built from them instead.
 */
public final class ConnectionOptions {

    @Option(names = "--url", description = "JDBC URL, e.g. jdbc:mariadb://127.0.0.1:3306/shop (default: $DBSHIFT_URL)")
    String url;

    @Option(names = {"--user", "-u"}, description = "user (default: $DBSHIFT_USER, else root)")
    String user;

    @Option(names = "--password", description = "password (default: $DBSHIFT_PASSWORD; never printed)", arity = "0..1",
            interactive = true)
    String password;

    ConnectionFactory factory() {
        String u = url != null ? url : System.getenv("DBSHIFT_URL");
        if (u == null || u.isBlank()) {
            throw new dev.dbshift.DbShiftException(dev.dbshift.DbShiftException.BAD_INPUT,
                    "no database: pass --url jdbc:mariadb://host:3306/db or set DBSHIFT_URL");
        }
        String usr = user != null ? user : System.getenv().getOrDefault("DBSHIFT_USER", "root");
        String pw = password != null ? password : System.getenv().getOrDefault("DBSHIFT_PASSWORD", "");
        return ConnectionFactory.of(u, usr, pw);
    }
}
