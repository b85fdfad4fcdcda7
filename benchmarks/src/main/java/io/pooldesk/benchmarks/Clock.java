package io.pooldesk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock of per-operation figures: the measuring thread's CPU time, because the machine is shared and its wall
 * time moves 5-10x with other jobs. {@code -Dbench.clock=wall} measures wall time instead. Whole processes (simulate,
 * the window's first frame) are always timed on the wall.
 */
final class Clock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean WALL = "wall".equals(System.getProperty("bench.clock"))
            || !THREADS.isCurrentThreadCpuTimeSupported();

    private Clock() {
    }

    static long now() {
        return WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    static String name() {
        return WALL ? "wall time" : "the measuring thread's CPU time";
    }
}
