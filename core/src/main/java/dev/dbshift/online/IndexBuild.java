package dev.dbshift.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * The shadow's deferred indexes ({@link ShadowTable#restoreIndexes}) built on a connection and thread of their own while
 * the checksum runs, where the engine's build takes writes ({@link ShadowTable#buildsIndexesUnderWrites}). The build
 * keeps one core of the server busy and the checksum's two connections the other, where one after the other left a
 * core idle for the build's length (2M rows on MariaDB: 3.5-4.0 s of build and 1.4-1.6 s of checksum took 5.2-5.6 s
 * in turn and 4.1-4.3 s together). The build thread stops just before its {@code ALTER} until {@link #go}, so what the
 * progress says (on the caller's thread) comes before the build starts; closing waits for the build to end, as a
 * change must not go on, or be left, with an {@code ALTER} of its shadow still running.
 */
final class IndexBuild implements AutoCloseable {

    private final CompletableFuture<Boolean> decided = new CompletableFuture<>();
    private final CountDownLatch go = new CountDownLatch(1);
    private final Thread thread;
    /** Anything the build threw, an {@link Error} too: a build that ended without saying it succeeded has failed. */
    private volatile Throwable failure;
    /** The caller stopped before {@link #go}: the build thread leaves without starting its {@code ALTER}. */
    private volatile boolean cancelled;
    private boolean reported;

    private IndexBuild(Job job, OnlineNames names, AlterSpec spec) {
        thread = new Thread(() -> {
            try (Connection c = job.factory().open()) {
                c.setAutoCommit(true);
                job.engine().shadow(c, names).restoreIndexes(spec, () -> {
                    decided.complete(true);
                    awaitGo();
                });
            } catch (NotStarted e) {
                // the caller stopped first: nothing was built, nothing to say
            } catch (Throwable e) {
                failure = e;
            } finally {
                decided.complete(false);
            }
        }, "dbshift-index-build");
        thread.setDaemon(true);
    }

    /** Starts the build's thread; it finds what is missing, then waits for {@link #go} before building it. */
    static IndexBuild start(Job job, OnlineNames names, AlterSpec spec) {
        IndexBuild b = new IndexBuild(job, names, spec);
        b.thread.start();
        return b;
    }

    /** True when the shadow lacks indexes and the build waits for {@link #go}; false when there is nothing to build. */
    boolean building() {
        try {
            return decided.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineException(OnlineException.FAILED, "interrupted while the shadow's index build started");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** True once the build has failed (its failure is thrown by {@link #await}). */
    boolean failed() {
        return failure != null;
    }

    void go() {
        go.countDown();
    }

    /** Waits for the build to end; rethrows its failure. */
    void await() throws SQLException {
        go();
        join();
        Throwable e = failure;
        if (e != null && !reported) {
            reported = true;
            if (e instanceof SQLException sql) {
                throw sql;
            }
            if (e instanceof RuntimeException rt) {
                throw rt;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the build to end, also when the caller stops first (then, before {@link #go}, the build does not start:
     * the change is stopping and a long {@code ALTER} of its shadow would only delay that); a failure not reported yet
     * is thrown (under try-with-resources: added to the caller's).
     */
    @Override
    public void close() throws SQLException {
        if (go.getCount() > 0) {
            cancelled = true;
        }
        await();
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitGo() {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the index build was interrupted before it started", e);
        }
        if (cancelled) {
            throw new NotStarted();
        }
    }

    /** Thrown on the build thread when the caller stopped before letting the build start. */
    private static final class NotStarted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStarted() {
            super(null, null, false, false);
        }
    }
}
