package io.pooldesk.model.ledger;

import io.pooldesk.model.address.Family;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Holder id to the addresses it holds. Nearly every holder holds one, kept in primitive arrays by id; the rare
 * holder with several gets a sorted set of its own.
 */
final class HolderAddresses {
    /** An address as the ledger keys it: family, then the unsigned 128-bit value. */
    record Key(Family family, long hi, long lo) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = family.compareTo(o.family);
            return c != 0 ? c : Unsigned128.compare(hi, lo, o.hi, o.lo);
        }
    }

    private static final Family[] FAMILIES = Family.values();

    private long[] lo = new long[0];
    private long[] hi; // made when the first address with hi != 0 arrives
    /** Per id: bits 0-1 how many (0 none, 1 one, 2 several: see {@link #several}), bits 2-3 the family. */
    private byte[] state = new byte[0];
    private Map<Integer, TreeSet<Key>> several; // made for the first holder with more than one address

    private void ensure(int id) {
        if (id >= lo.length) {
            int size = Math.max(Math.max(8, id + 1), lo.length + (lo.length >> 1));
            lo = Arrays.copyOf(lo, size);
            state = Arrays.copyOf(state, size);
            if (hi != null) {
                hi = Arrays.copyOf(hi, size);
            }
        }
    }

    int count(int id) {
        if (id >= state.length) {
            return 0;
        }
        int how = state[id] & 3;
        return how < 2 ? how : several.get(id).size();
    }

    private void setCount(int id, int n) {
        state[id] = (byte) ((state[id] & ~3) | Math.min(n, 2));
    }

    void add(int id, Key key) {
        ensure(id);
        int n = count(id);
        if (n == 0) {
            set(id, key);
        } else if (n == 1) {
            Key single = first(id);
            if (single.equals(key)) {
                return;
            }
            TreeSet<Key> set = new TreeSet<>();
            set.add(single);
            set.add(key);
            if (several == null) {
                several = new HashMap<>();
            }
            several.put(id, set);
            set(id, set.first());
        } else {
            TreeSet<Key> set = several.get(id);
            if (!set.add(key)) {
                return;
            }
            set(id, set.first());
        }
        setCount(id, n + 1);
    }

    void remove(int id, Key key) {
        int n = count(id);
        if (n == 0) {
            return;
        }
        if (n == 1) {
            if (first(id).equals(key)) {
                setCount(id, 0);
            }
            return;
        }
        TreeSet<Key> set = several.get(id);
        if (!set.remove(key)) {
            return;
        }
        set(id, set.first());
        if (n - 1 == 1) {
            several.remove(id);
        }
        setCount(id, n - 1);
    }

    /** The lowest address of the holder, or null. */
    Key first(int id) {
        if (count(id) == 0) {
            return null;
        }
        return new Key(FAMILIES[(state[id] >> 2) & 3], hi == null ? 0 : hi[id], lo[id]);
    }

    /** Every address of the holder, lowest first. */
    TreeSet<Key> all(int id) {
        int n = count(id);
        if (n > 1) {
            return new TreeSet<>(several.get(id));
        }
        TreeSet<Key> out = new TreeSet<>();
        if (n == 1) {
            out.add(first(id));
        }
        return out;
    }

    private void set(int id, Key key) {
        if (key.hi() != 0 && hi == null) {
            hi = new long[lo.length];
        }
        if (hi != null) {
            hi[id] = key.hi();
        }
        lo[id] = key.lo();
        state[id] = (byte) ((state[id] & 3) | key.family().ordinal() << 2);
    }
}
