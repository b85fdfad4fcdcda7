package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.registry.PoolSystems;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The addresses of a pool laid out as cells, at a zoom level: each cell holds {@code 2^level} addresses, aligned to
 * the extent's start. Aggregation counts through the pool's maps and spans, never address by address, so a /8 or an
 * IPv6 /64 costs no more than a /24.
 */
public final class MapModel {
    private final Span extent;
    private final AddressSet usable;
    private final AddressSet reserved;
    private final NavigableMap<Address, String> allocated;
    private final NavigableMap<Address, String> history;
    private final Address next;
    private final NavigableSet<Address> changed;
    /** The pool's addresses in conflict, sorted by first address, with what each is in conflict with. */
    private final List<ConflictMark> conflicts;

    /** Addresses of the pool that a conflict names, and the words the tooltip gives for it. */
    public record ConflictMark(Span span, String with) {
    }

    public MapModel(Span extent, AddressSet usable, AddressSet reserved, NavigableMap<Address, String> allocated,
                    NavigableMap<Address, String> history, Address next) {
        this(extent, usable, reserved, allocated, history, next, new TreeSet<>());
    }

    /** @param changed addresses a what-if changed, outlined on the map */
    public MapModel(Span extent, AddressSet usable, AddressSet reserved, NavigableMap<Address, String> allocated,
                    NavigableMap<Address, String> history, Address next, NavigableSet<Address> changed) {
        this(extent, usable, reserved, allocated, history, next, changed, List.of());
    }

    private MapModel(Span extent, AddressSet usable, AddressSet reserved, NavigableMap<Address, String> allocated,
                     NavigableMap<Address, String> history, Address next, NavigableSet<Address> changed,
                     List<ConflictMark> conflicts) {
        this.conflicts = conflicts;
        this.changed = changed;
        this.extent = extent;
        this.usable = usable;
        this.reserved = reserved;
        this.allocated = allocated;
        this.history = history;
        this.next = next;
    }

    /**
     * The map of a pool as the window summarises it, its addresses in conflict marked; null when the pool names no
     * address to draw.
     */
    public static MapModel of(io.pooldesk.model.workspace.PoolSummary pool) {
        return pool.extent() == null ? null : new MapModel(pool.extent(), pool.usable(), pool.reserved(),
                pool.allocated(), pool.history(), pool.next(), new TreeSet<>(), marks(pool));
    }

    private static List<ConflictMark> marks(io.pooldesk.model.workspace.PoolSummary pool) {
        List<ConflictMark> marks = new ArrayList<>();
        AddressSet extent = AddressSet.of(List.of(pool.extent()));
        for (io.pooldesk.model.conflicts.Conflict conflict : pool.conflicts()) {
            String with = conflict.kind().label() + " with " + conflict.otherThan(pool.manifest());
            for (Span span : conflict.addresses().minus(conflict.addresses().minus(extent)).spans()) {
                marks.add(new ConflictMark(span, with));
            }
        }
        marks.sort(java.util.Comparator.comparing((ConflictMark m) -> m.span().first()));
        return List.copyOf(marks);
    }

    /** The pool's addresses in conflict, in address order. */
    public List<ConflictMark> conflicts() {
        return conflicts;
    }

    /** What the addresses of a span are in conflict with, each once, in words; null when none is. */
    String conflictWithin(Span span) {
        if (conflicts.isEmpty()) {
            return null;
        }
        java.util.Set<String> with = new java.util.LinkedHashSet<>();
        for (ConflictMark mark : conflicts) {
            if (mark.span().first().compareTo(span.last()) > 0) {
                break;
            }
            if (mark.span().overlaps(span)) {
                with.add(mark.with());
            }
        }
        return with.isEmpty() ? null : String.join("; ", with);
    }

    public Span extent() {
        return extent;
    }

    public Address next() {
        return next;
    }

    /** The number of cells the whole extent takes at a level. */
    public BigInteger cellCount(int level) {
        BigInteger perCell = BigInteger.ONE.shiftLeft(level);
        return extent.size().add(perCell).subtract(BigInteger.ONE).divide(perCell);
    }

    /** The smallest level at which the whole extent fits in {@code cells} cells. */
    public int levelToFit(long cells) {
        int level = 0;
        while (cellCount(level).compareTo(BigInteger.valueOf(cells)) > 0) {
            level++;
        }
        return level;
    }

    /** The coarsest useful level: the whole extent in one cell. */
    public int maxLevel() {
        return levelToFit(1);
    }

    /** The cell at {@code index} (from the extent's start) at {@code level}, or null past the end. */
    public Cell cell(int level, BigInteger index) {
        BigInteger perCell = BigInteger.ONE.shiftLeft(level);
        Address first = extent.first().plus(index.multiply(perCell));
        if (first == null || first.compareTo(extent.last()) > 0 || index.signum() < 0) {
            return null;
        }
        Address last = first.plus(perCell.subtract(BigInteger.ONE));
        if (last == null || last.compareTo(extent.last()) > 0) {
            last = extent.last();
        }
        return describe(new Span(first, last));
    }

    public List<Cell> cells(int level, BigInteger firstIndex, int count) {
        List<Cell> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Cell cell = cell(level, firstIndex.add(BigInteger.valueOf(i)));
            if (cell == null) {
                break;
            }
            out.add(cell);
        }
        return out;
    }

    /**
     * Where a map in rows of {@code columns} cells of {@code 2^level} addresses starts: the extent's first address
     * rounded down to a whole row. With a power of two as columns, every row then starts on a multiple of its own
     * size, so a /23 breaks where its two /24s meet and a range starting at .100 starts in its row's column 100 mod
     * columns, as an operator reads addresses.
     */
    public Address rowStart(int level, int columns) {
        BigInteger row = BigInteger.valueOf(columns).shiftLeft(level);
        BigInteger first = extent.first().value();
        return Address.of(extent.family(), first.subtract(first.mod(row)));
    }

    /** The number of cells of {@code 2^level} addresses from {@code start} through the extent's last address. */
    public BigInteger positions(Address start, int level) {
        return extent.last().value().subtract(start.value()).shiftRight(level).add(BigInteger.ONE);
    }

    /** The position of the cell holding {@code address}, counted in cells of {@code 2^level} from {@code start}. */
    public BigInteger positionOf(Address start, int level, Address address) {
        return address.value().subtract(start.value()).shiftRight(level);
    }

    /**
     * The cell at {@code position}, counted in cells of {@code 2^level} addresses from {@code start} (aligned to
     * {@code 2^level}), clipped to the extent; null when it holds none of the extent's addresses.
     */
    public Cell cellFrom(Address start, int level, BigInteger position) {
        BigInteger perCell = BigInteger.ONE.shiftLeft(level);
        BigInteger first = start.value().add(position.multiply(perCell));
        BigInteger lo = first.max(extent.first().value());
        BigInteger hi = first.add(perCell).subtract(BigInteger.ONE).min(extent.last().value());
        if (position.signum() < 0 || lo.compareTo(hi) > 0) {
            return null;
        }
        return describe(new Span(Address.of(extent.family(), lo), Address.of(extent.family(), hi)));
    }

    /** One address: direct lookups, no range counting (a /16 frame draws 65,536 of these). */
    private Cell describe(Address address, Span span) {
        boolean touched = !changed.isEmpty() && changed.contains(address);
        String holder = allocated.get(address);
        if (holder != null) {
            boolean marker = PoolSystems.isMarker(holder);
            return new Cell(span, marker ? CellState.RESERVED : CellState.ALLOCATED, holder, BigInteger.ONE,
                    BigInteger.ONE, 1, touched, conflictWithin(span));
        }
        String remembered = history.get(address);
        if (remembered != null) {
            return new Cell(span, CellState.HISTORY, remembered, BigInteger.ZERO, BigInteger.ONE, 0, touched,
                    conflictWithin(span));
        }
        boolean canUse = usable.contains(address);
        CellState state = canUse ? CellState.FREE : reserved.contains(address) ? CellState.RESERVED : CellState.OUTSIDE;
        return new Cell(span, state, null, BigInteger.ZERO, canUse ? BigInteger.ONE : BigInteger.ZERO, 0, touched,
                conflictWithin(span));
    }

    /** The index at {@code level} of the cell holding {@code address}. */
    public BigInteger indexOf(int level, Address address) {
        return address.value().subtract(extent.first().value()).shiftRight(level);
    }

    /** What a block of addresses holds: counts through the maps and spans, never address by address. */
    public Cell describe(Span span) {
        if (span.size().equals(BigInteger.ONE)) {
            return describe(span.first(), span);
        }
        NavigableMap<Address, String> held = allocated.subMap(span.first(), true, span.last(), true);
        boolean anyRemembered = !history.subMap(span.first(), true, span.last(), true).isEmpty();
        boolean touched = !changed.isEmpty() && !changed.subSet(span.first(), true, span.last(), true).isEmpty();
        BigInteger inUse = BigInteger.valueOf(held.size());
        BigInteger canUse = usable.countWithin(span);
        double fill = canUse.signum() > 0 ? Math.min(1, inUse.doubleValue() / canUse.doubleValue()) : 0;
        CellState state;
        if (inUse.signum() > 0) {
            state = CellState.ALLOCATED;
        } else if (anyRemembered) {
            state = CellState.HISTORY;
        } else if (canUse.signum() > 0) {
            state = CellState.FREE;
        } else {
            state = CellState.OUTSIDE;
        }
        return new Cell(span, state, null, inUse, canUse, fill, touched, conflictWithin(span));
    }

    private MapIndex index;
    private BigInteger indexBase;

    /** The model's addresses as offsets from {@code base}, built once; null beyond 2^64 addresses from the base. */
    MapIndex index(BigInteger base) {
        if (index == null || !base.equals(indexBase)) {
            index = MapIndex.of(extent, usable, reserved, allocated, history, changed, base);
            indexBase = base;
        }
        return index;
    }

    /** The model the same pool gives with other addresses outlined as changed. */
    public MapModel withChanged(NavigableSet<Address> changedAddresses) {
        return new MapModel(extent, usable, reserved, allocated, history, next, changedAddresses, conflicts);
    }
}
