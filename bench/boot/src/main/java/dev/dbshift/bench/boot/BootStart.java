package dev.dbshift.bench.boot;

import dev.dbshift.spring.boot.DbShiftInitializer;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One start of {@link BenchApp} with one migrator enabled (the other's auto-configuration switched off by its
 * property), then one line: how long the context took to start and how long of it the migrator's beans took.
 *
 * <p>The migrator's time is read from Spring's own start-up recording ({@link BufferingApplicationStartup}):
 * the {@code spring.beans.instantiate} steps of its beans (dbshift: {@code dbShift}, {@code dbShiftInitializer};
 * Flyway: {@code flyway}, {@code flywayInitializer}), outermost only, so a bean created inside another's
 * step is not counted twice. The same clock for both tools; the DataSource's first connection (the pool
 * starts lazily) falls into whichever migrator asks first, which is each tool in its own run.
 *
 * <p>{@code java -cp ... dev.dbshift.bench.boot.BootStart dbshift|flyway JDBC_URL USER [EXPECTED_APPLIED]}
 */
public final class BootStart {
    private static final Map<String, Set<String>> BEANS = Map.of(
            "dbshift", Set.of("dbShift", "dbShiftInitializer"),
            "flyway", Set.of("flyway", "flywayInitializer"));

    private BootStart() {
    }

    public static void main(String[] args) {
        String tool = args[0];
        Set<String> beans = BEANS.get(tool);
        if (beans == null) {
            throw new IllegalArgumentException("tool: dbshift or flyway, not " + tool);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", args[1]);
        props.put("spring.datasource.username", args[2]);
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("dbshift.enabled", tool.equals("dbshift"));
        props.put("spring.flyway.enabled", tool.equals("flyway"));
        int expected = args.length > 3 ? Integer.parseInt(args[3]) : -1;

        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        SpringApplication app = new SpringApplication(BenchApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setApplicationStartup(startup);
        app.setDefaultProperties(props);
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext context = app.run()) {
            long contextNanos = System.nanoTime() - t0;
            long migratorNanos = migratorNanos(startup.getBufferedTimeline(), beans);
            int pending;
            int applied;
            if (tool.equals("dbshift")) {
                var report = context.getBean(DbShiftInitializer.class).report();
                pending = report.results().size();
                applied = (int) context.getBean(dev.dbshift.DbShift.class).status().migrations().stream().filter(m -> m.state().applied()).count();
            } else {
                var info = context.getBean(Flyway.class).info();
                pending = info.pending().length;
                applied = info.applied().length;
            }
            if (pending != 0 || (expected >= 0 && applied != expected)) {
                throw new IllegalStateException(tool + ": expected " + expected + " applied and nothing pending, found "
                        + applied + " applied and " + pending + " run/pending");
            }
            System.out.printf("tool=%s migrator_ms=%.1f context_ms=%.1f applied=%d%n", tool, migratorNanos / 1e6,
                    contextNanos / 1e6, applied);
        }
    }

    /** The instantiation steps of {@code beans}, outermost only, summed. */
    private static long migratorNanos(StartupTimeline timeline, Set<String> beans) {
        Map<Long, StartupTimeline.TimelineEvent> byId = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            byId.put(e.getStartupStep().getId(), e);
        }
        Set<Long> ours = new HashSet<>();
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            if (e.getStartupStep().getName().equals("spring.beans.instantiate") && beans.contains(beanName(e.getStartupStep()))) {
                ours.add(e.getStartupStep().getId());
            }
        }
        long total = 0;
        for (Long id : ours) {
            StartupTimeline.TimelineEvent e = byId.get(id);
            boolean nested = false;
            for (Long p = e.getStartupStep().getParentId(); p != null; p = byId.containsKey(p) ? byId.get(p).getStartupStep().getParentId() : null) {
                if (ours.contains(p)) {
                    nested = true;
                    break;
                }
            }
            if (!nested) {
                total += e.getDuration().toNanos();
            }
        }
        return total;
    }

    private static String beanName(StartupStep step) {
        for (StartupStep.Tag t : step.getTags()) {
            if (t.getKey().equals("beanName")) {
                return t.getValue();
            }
        }
        return "";
    }
}
