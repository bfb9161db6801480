package dev.dbshift.bench.online;

/** What the writer saw while a change ran. */
record WriterResult(double opsPerSecond, double p99Millis, double maxMillis, long failed) {
}
