package io.pooldesk.benchmarks;

import io.pooldesk.model.address.Family;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * JMH: every kind's engine holding a million addresses, one operation pair at a time: the oldest holder releases its
 * address and a new holder is served, so the engine stays at a million held however many pairs JMH runs. The figure
 * is the time of the pair (two operations), per kind and family.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class ChurnAtAMillion {
    @Param({"harvester-v4", "harvester-v6", "metallb-v4", "metallb-v6", "openelb-v4", "openelb-v6", "dhcp-v4",
            "novaedge-v4", "novaedge-v6"})
    public String kind;

    private EveryKindAtAMillion.Kind engine;
    private int oldest;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        engine = kind(kind);
        engine.setUp();
        while (next < EveryKindAtAMillion.MILLION) {
            if (!engine.allocate(next)) {
                throw new IllegalStateException(engine.label() + " is full at " + next);
            }
            next++;
        }
    }

    @Benchmark
    public boolean releaseOldestThenServeANewOne() {
        engine.release(oldest++);
        return engine.allocate(next++);
    }

    static EveryKindAtAMillion.Kind kind(String name) {
        return switch (name) {
            case "harvester-v4" -> EveryKindAtAMillion.harvester("10.0.0.0/12", "IPv4 /12");
            case "harvester-v6" -> EveryKindAtAMillion.harvester("fd00::/64", "IPv6 /64");
            case "metallb-v4" -> EveryKindAtAMillion.metalLb("10.0.0.0/12", "IPv4 /12", Family.IPV4);
            case "metallb-v6" -> EveryKindAtAMillion.metalLb("fd00::/64", "IPv6 /64", Family.IPV6);
            case "openelb-v4" -> EveryKindAtAMillion.openElb("10.0.0.0/12", "IPv4 /12", Family.IPV4);
            case "openelb-v6" -> EveryKindAtAMillion.openElb("fd00::/64", "IPv6 /64", Family.IPV6);
            case "dhcp-v4" -> EveryKindAtAMillion.dhcp("10.0.0.0/12", "IPv4 /12");
            case "novaedge-v4" -> EveryKindAtAMillion.novaEdge(EveryKindAtAMillion.sixteen("10.%d.0.0/16"),
                    "IPv4, 16 x /16");
            case "novaedge-v6" -> EveryKindAtAMillion.novaEdge(EveryKindAtAMillion.sixteen("fd00:0:0:%x::/112"),
                    "IPv6, 16 x /112");
            default -> throw new IllegalArgumentException(name);
        };
    }
}
