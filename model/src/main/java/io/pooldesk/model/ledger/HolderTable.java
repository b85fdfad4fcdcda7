package io.pooldesk.model.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Holder names interned to small ints: the names' UTF-8 bytes packed end to end in one arena, found through an
 * open-addressing table. About 35 bytes a holder where a HashMap of Strings costs over 100. An id lives while
 * something refers to it ({@link #retain}, {@link #release}), then is reused; the arena is compacted when freed
 * names make up most of it.
 */
final class HolderTable {
    // everything starts empty: a pool nobody uses costs a few objects, not kilobytes
    private static final int[] NO_INTS = new int[0];
    private byte[] arena = new byte[0];
    private int arenaUsed;
    private long arenaGarbage;
    private int[] start = NO_INTS;
    private int[] length = NO_INTS;
    private int[] refs = NO_INTS;
    private int[] hashes = NO_INTS; // the name's String hash: computed once, compared before the bytes
    // the policy's number for the holder (see AllocationLedger.tag), 0 for a new id; made when the first is set, so
    // the kinds that keep none pay nothing for it
    private int[] tags = NO_INTS;
    private int[] slots = NO_INTS; // id + 1, 0 when empty; linear probing
    private int[] free = NO_INTS;
    private int freeCount;
    private int nextId;
    private int count;
    // the name last found and its id: one operation looks its holder up several times (its record, its addresses,
    // the hold), and each lookup would otherwise encode the name and probe the table again
    private String lastName;
    private int lastId;
    // the name last looked for and not found: a new holder is looked up, then retained
    private String missedName;

    /** The id of a holder, or -1 when no one refers to it. */
    int find(String holder) {
        if (holder.equals(lastName)) {
            return lastId;
        }
        if (holder.equals(missedName)) {
            return -1;
        }
        int id = find(holder.getBytes(StandardCharsets.UTF_8), holder.hashCode());
        if (id >= 0) {
            lastName = holder;
            lastId = id;
        } else {
            missedName = holder;
        }
        return id;
    }

    private int find(byte[] bytes, int hash) {
        if (count == 0) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == hash && length[id] == bytes.length
                    && Arrays.equals(arena, start[id], start[id] + length[id], bytes, 0, bytes.length)) {
                return id;
            }
        }
    }

    /** The id of a holder, made if new; its reference count goes up by one. */
    int retain(String holder) {
        if (holder.equals(lastName)) {
            refs[lastId]++;
            return lastId;
        }
        byte[] bytes = holder.getBytes(StandardCharsets.UTF_8);
        int hash = holder.hashCode();
        int id = holder.equals(missedName) ? -1 : find(bytes, hash);
        if (id < 0) {
            id = add(bytes, hash);
        }
        refs[id]++;
        lastName = holder;
        lastId = id;
        return id;
    }

    /** One reference fewer; the id is freed at zero. */
    void release(int id) {
        if (--refs[id] == 0) {
            if (id == lastId) {
                lastName = null;
            }
            unlink(id);
            arenaGarbage += length[id];
            length[id] = -1;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, Math.max(8, free.length * 2));
            }
            free[freeCount++] = id;
            count--;
            if (arenaGarbage > 1 << 16 && arenaGarbage * 2 > arenaUsed) {
                compact();
            }
        }
    }

    int tag(int id) {
        return id < tags.length ? tags[id] : 0;
    }

    void tag(int id, int tag) {
        if (id >= tags.length) {
            if (tag == 0) {
                return;
            }
            tags = Arrays.copyOf(tags, start.length);
        }
        tags[id] = tag;
    }

    String name(int id) {
        return new String(arena, start[id], length[id], StandardCharsets.UTF_8);
    }

    private int add(byte[] bytes, int hash) {
        missedName = null;
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            id = nextId++;
            if (id == start.length) {
                int grown = Math.max(8, start.length + (start.length >> 1));
                start = Arrays.copyOf(start, grown);
                length = Arrays.copyOf(length, grown);
                refs = Arrays.copyOf(refs, grown);
                hashes = Arrays.copyOf(hashes, grown);
                if (tags.length > 0) {
                    tags = Arrays.copyOf(tags, grown);
                }
            }
        }
        if (arenaUsed + bytes.length > arena.length) {
            long wanted = Math.max((long) arenaUsed + bytes.length, arena.length + (long) (arena.length >> 1));
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("holder names exceed 2 GiB");
            }
            arena = Arrays.copyOf(arena, (int) wanted);
        }
        System.arraycopy(bytes, 0, arena, arenaUsed, bytes.length);
        start[id] = arenaUsed;
        length[id] = bytes.length;
        arenaUsed += bytes.length;
        refs[id] = 0;
        if (id < tags.length) {
            tags[id] = 0;
        }
        hashes[id] = hash;
        count++;
        if (count * 2 > slots.length) {
            rehash(Math.max(16, slots.length * 2));
        } else {
            link(id);
        }
        return id;
    }

    private int hashOf(int id) {
        return spread(hashes[id]);
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void link(int id) {
        int mask = slots.length - 1;
        int i = hashOf(id) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id + 1;
    }

    /** Removes the id's slot, shifting later entries of its probe run back so lookups still find them. */
    private void unlink(int id) {
        int mask = slots.length - 1;
        int i = hashOf(id) & mask;
        while (slots[i] != id + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = hashOf(slots[j] - 1) & mask;
            // move j back into the hole unless its home lies cyclically in (hole, j]
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
            if (length[id] >= 0) {
                link(id);
            }
        }
    }

    /** Rewrites the arena with live names only. */
    private void compact() {
        byte[] packed = new byte[arenaUsed - (int) arenaGarbage];
        int used = 0;
        for (int id = 0; id < nextId; id++) {
            if (length[id] >= 0) {
                System.arraycopy(arena, start[id], packed, used, length[id]);
                start[id] = used;
                used += length[id];
            }
        }
        arena = packed;
        arenaUsed = used;
        arenaGarbage = 0;
    }
}
