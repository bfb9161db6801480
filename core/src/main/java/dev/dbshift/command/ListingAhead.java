package dev.dbshift.command;

import dev.dbshift.db.Databases;
import dev.dbshift.migration.MigrationRef;
import dev.dbshift.migration.MigrationSource;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The project's migrations, listed on a second thread while the command's own thread connects and reads the live
 * schema: the listing is local work (format detection, every file read and checksummed), the connection and the
 * catalog reads are mostly waiting on the server, and a read-only command needs both before it can say anything
 * (a {@code status} with 1,000 applied on PostgreSQL spends about 0.16 s in each).
 *
 * <p>Nothing changes in what a command reports or in which order: {@link #get} is called where the command listed
 * the migrations before. {@code status} and {@code check} still report a database that cannot be reached before a
 * file that cannot be read; {@code up} and {@code down} still report the bad file first, and await the listing
 * once connected, before they take the lock or make a table. A listing's failure is thrown from {@link #get} as
 * it was from the listing. Only a source that says it
 * {@linkplain MigrationSource#listsOnAnyThread() may be listed on any thread} (dbshift's own files) is listed ahead;
 * another (an application's own, or one with Java migrations) is listed on the caller's thread, at {@link #get}.
 */
final class ListingAhead {
    private final MigrationSource source;
    private final FutureTask<List<MigrationRef>> task;
    private List<MigrationRef> onCaller;

    private ListingAhead(MigrationSource source, boolean ahead) {
        this.source = source;
        if (ahead) {
            task = new FutureTask<>(source::list);
            Thread t = new Thread(task, "dbshift-listing");
            t.setDaemon(true);
            t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            t.start();
        } else {
            task = null;
        }
    }

    /** Listing starts now, beside whatever the caller does next. */
    static ListingAhead start(MigrationSource source) {
        return new ListingAhead(source, source.listsOnAnyThread());
    }

    /**
     * For a command that must not create anything when a file is bad: the listing starts now only when connecting
     * creates nothing (a server's database, or an embedded one whose file is there: opening a 1,000-table H2 file
     * takes about three times as long as listing 1,000 scripts); one that connecting would make (H2, SQLite) is
     * listed on the caller's thread, before it connects, as before.
     */
    static ListingAhead beforeCreating(MigrationSource source, String url) {
        boolean createsNothing = Databases.isServer(url)
                || url != null && Databases.find(url).map(d -> d.opensExisting(url)).orElse(false);
        ListingAhead listing = new ListingAhead(source, source.listsOnAnyThread() && createsNothing);
        if (listing.task == null) {
            listing.get();
        }
        return listing;
    }

    /** The migrations; the same list on every call (a source listed on the caller's thread is listed on the first). */
    List<MigrationRef> get() {
        if (task == null) {
            if (onCaller == null) {
                onCaller = source.list();
            }
            return onCaller;
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("interrupted while listing the migrations", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
