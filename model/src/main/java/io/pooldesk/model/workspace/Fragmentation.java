package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Span;

import java.math.BigInteger;
import java.util.NavigableMap;

/**
 * How the free addresses of a pool lie: in how many separate runs, the longest run, and the largest aligned CIDR block
 * still wholly free (what a new subnet carved out of the pool could be). Walks the usable spans and the held addresses
 * in order: cost grows with the allocations, never with the size of the range.
 *
 * @param free         usable addresses nobody holds (history counts as free: the controller may hand it out)
 * @param freeRuns     separate runs of free addresses
 * @param longestRun   the longest free run, null when nothing is free
 * @param largestBlock the largest aligned block wholly free, null when nothing is free
 */
public record Fragmentation(BigInteger free, long freeRuns, Span longestRun, Cidr largestBlock) {

    public static Fragmentation of(AddressSet usable, NavigableMap<Address, String> held) {
        Walk walk = new Walk();
        for (Span span : usable.spans()) {
            BigInteger cursor = span.first().value();
            for (Address address : held.subMap(span.first(), true, span.last(), true).keySet()) {
                walk.run(span, cursor, address.value().subtract(BigInteger.ONE));
                cursor = address.value().add(BigInteger.ONE);
            }
            walk.run(span, cursor, span.last().value());
        }
        return new Fragmentation(walk.free, walk.runs, walk.longest, walk.block);
    }

    /** Free over usable: 1 when one run holds every free address, towards 0 as the free space splinters. */
    public double contiguity() {
        if (longestRun == null) {
            return 1;
        }
        return longestRun.size().doubleValue() / free.doubleValue();
    }

    private static final class Walk {
        BigInteger free = BigInteger.ZERO;
        long runs;
        Span longest;
        Cidr block;

        void run(Span within, BigInteger from, BigInteger to) {
            if (from.compareTo(to) > 0) {
                return;
            }
            Span run = new Span(Address.of(within.family(), from), Address.of(within.family(), to));
            BigInteger size = run.size();
            free = free.add(size);
            runs++;
            if (longest == null || size.compareTo(longest.size()) > 0) {
                longest = run;
            }
            // a run no longer than the best block found cannot hold a larger one
            if (block == null || size.compareTo(block.size()) > 0) {
                for (Cidr candidate : run.toCidrBlocks()) {
                    if (block == null || candidate.size().compareTo(block.size()) > 0) {
                        block = candidate;
                    }
                }
            }
        }
    }
}
