package io.pooldesk.model.harvester.lb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Holder names interned to small ints, kept as UTF-8 bytes in an open-addressing table: about 50 bytes a holder
 * where a HashMap of Strings costs over 100. An id lives while something refers to it ({@link #retain},
 * {@link #release}), then is reused.
 */
final class HolderTable {
    private byte[][] names = new byte[16][];
    private int[] hashes = new int[16];
    private int[] refs = new int[16];
    private int[] slots = new int[32]; // id + 1, 0 when empty; linear probing
    private int[] free = new int[16];
    private int freeCount;
    private int nextId;
    private int count;

    /** The id of a holder, or -1 when no one refers to it. */
    int find(String holder) {
        byte[] bytes = holder.getBytes(StandardCharsets.UTF_8);
        int hash = holder.hashCode();
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == hash && Arrays.equals(names[id], bytes)) {
                return id;
            }
        }
    }

    /** The id of a holder, made if new; its reference count goes up by one. */
    int retain(String holder) {
        int id = find(holder);
        if (id < 0) {
            id = add(holder);
        }
        refs[id]++;
        return id;
    }

    /** One reference fewer; the id is freed at zero. */
    void release(int id) {
        if (--refs[id] == 0) {
            unlink(id);
            names[id] = null;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, free.length * 2);
            }
            free[freeCount++] = id;
            count--;
        }
    }

    String name(int id) {
        return new String(names[id], StandardCharsets.UTF_8);
    }

    /** Ids run from 0 to below this. */
    int capacity() {
        return names.length;
    }

    private int add(String holder) {
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            id = nextId++;
            if (id == names.length) {
                int grown = names.length + (names.length >> 1);
                names = Arrays.copyOf(names, grown);
                hashes = Arrays.copyOf(hashes, grown);
                refs = Arrays.copyOf(refs, grown);
            }
        }
        count++;
        if (count * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        names[id] = holder.getBytes(StandardCharsets.UTF_8);
        hashes[id] = holder.hashCode();
        refs[id] = 0;
        link(id);
        return id;
    }

    private void link(int id) {
        int mask = slots.length - 1;
        int i = mix(hashes[id]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id + 1;
    }

    /** Removes the id's slot, shifting later entries of its probe run back so lookups still find them. */
    private void unlink(int id) {
        int mask = slots.length - 1;
        int i = mix(hashes[id]) & mask;
        while (slots[i] != id + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = mix(hashes[slots[j] - 1]) & mask;
            // move j back into the hole when its home is not strictly between the hole and j (cyclically)
            boolean between = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!between) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
    }

    private void rehash(int size) {
        slots = new int[size];
        for (int id = 0; id < nextId; id++) {
            if (names[id] != null) {
                link(id);
            }
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
