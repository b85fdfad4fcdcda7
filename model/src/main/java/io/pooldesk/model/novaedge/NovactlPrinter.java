package io.pooldesk.model.novaedge;

import java.time.Duration;

/** Rows as {@code novactl get ippools} prints them: NAME CIDRS AUTO-ASSIGN ALLOCATED AVAILABLE AGE. */
public final class NovactlPrinter {
    private NovactlPrinter() {
    }

    public static String row(NovaEdgeEngine.PoolState state, Duration age) {
        ProxyIpPool pool = state.expansion().pool();
        int allocated = state.allocatedCount();
        int available = state.expansion().entries().size() - allocated;
        return String.join("  ", pool.name(), String.join(",", pool.cidrs()), pool.autoAssign() ? "Yes" : "No",
                String.valueOf(clamp(allocated)), String.valueOf(clamp(available)), age(age));
    }

    /** The status counters are int32. */
    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    static String age(Duration age) {
        long seconds = age.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
