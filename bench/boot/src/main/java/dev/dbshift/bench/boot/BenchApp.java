package dev.dbshift.bench.boot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with a DataSource and nothing else of its own: the migrator's start-up work stands alone. */
@SpringBootApplication
public class BenchApp {
}
