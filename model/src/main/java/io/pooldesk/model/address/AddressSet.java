package io.pooldesk.model.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An exact set of addresses as sorted, disjoint, non-adjacent spans: what a pool can hand out, whatever its kind.
 * Conversions compare these; sizes are exact whatever the family.
 */
public final class AddressSet {
    private final List<Span> spans;

    private AddressSet(List<Span> normalised) {
        this.spans = List.copyOf(normalised);
    }

    public static AddressSet of(Collection<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::first));
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            if (!merged.isEmpty()) {
                Span last = merged.get(merged.size() - 1);
                Address afterLast = last.last().next();
                if (last.family() == span.family() && (last.overlaps(span)
                        || (afterLast != null && afterLast.equals(span.first())))) {
                    Address end = last.last().compareTo(span.last()) >= 0 ? last.last() : span.last();
                    merged.set(merged.size() - 1, new Span(last.first(), end));
                    continue;
                }
            }
            merged.add(span);
        }
        return new AddressSet(merged);
    }

    public static AddressSet empty() {
        return new AddressSet(List.of());
    }

    public List<Span> spans() {
        return spans;
    }

    public BigInteger size() {
        BigInteger total = BigInteger.ZERO;
        for (Span span : spans) {
            total = total.add(span.size());
        }
        return total;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** How many of this set's addresses lie in {@code window}. */
    public BigInteger countWithin(Span window) {
        BigInteger total = BigInteger.ZERO;
        for (Span span : spans) {
            if (span.overlaps(window)) {
                Address lo = span.first().compareTo(window.first()) >= 0 ? span.first() : window.first();
                Address hi = span.last().compareTo(window.last()) <= 0 ? span.last() : window.last();
                total = total.add(hi.value().subtract(lo.value()).add(BigInteger.ONE));
            }
        }
        return total;
    }

    public boolean contains(Address address) {
        for (Span span : spans) {
            if (span.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public AddressSet union(AddressSet other) {
        List<Span> all = new ArrayList<>(spans);
        all.addAll(other.spans);
        return of(all);
    }

    /** This set less the addresses of {@code other}. */
    public AddressSet minus(AddressSet other) {
        List<Span> result = new ArrayList<>(spans);
        for (Span cut : other.spans) {
            List<Span> next = new ArrayList<>();
            for (Span span : result) {
                if (!span.overlaps(cut)) {
                    next.add(span);
                    continue;
                }
                if (span.first().compareTo(cut.first()) < 0) {
                    next.add(new Span(span.first(), cut.first().previous()));
                }
                if (span.last().compareTo(cut.last()) > 0) {
                    next.add(new Span(cut.last().next(), span.last()));
                }
            }
            result = next;
        }
        return of(result);
    }

    public AddressSet minus(Address address) {
        return minus(of(List.of(Span.single(address))));
    }

    public List<Family> families() {
        return spans.stream().map(Span::family).distinct().toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && spans.equals(other.spans);
    }

    @Override
    public int hashCode() {
        return spans.hashCode();
    }

    @Override
    public String toString() {
        return spans.stream().map(s -> s.size().equals(BigInteger.ONE) ? s.first().toString() : s.toString())
                .collect(Collectors.joining(","));
    }
}
