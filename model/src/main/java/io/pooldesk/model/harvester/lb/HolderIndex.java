package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Holder to the addresses it holds. Nearly every holder holds one address, so that one is kept as it is; a set is
 * made only for the rare holder with several (a set per holder would cost about 100 bytes each).
 */
final class HolderIndex {
    private final Map<String, Object> byHolder = new HashMap<>();

    @SuppressWarnings("unchecked")
    void add(String holder, Address address) {
        Object held = byHolder.get(holder);
        if (held == null) {
            byHolder.put(holder, address);
        } else if (held instanceof Address single) {
            if (!single.equals(address)) {
                byHolder.put(holder, new TreeSet<>(List.of(single, address)));
            }
        } else {
            ((NavigableSet<Address>) held).add(address);
        }
    }

    @SuppressWarnings("unchecked")
    void remove(String holder, Address address) {
        Object held = byHolder.get(holder);
        if (held instanceof Address single) {
            if (single.equals(address)) {
                byHolder.remove(holder);
            }
        } else if (held != null) {
            NavigableSet<Address> set = (NavigableSet<Address>) held;
            set.remove(address);
            if (set.size() == 1) {
                byHolder.put(holder, set.first());
            }
        }
    }

    /** The lowest address of the holder, or null. */
    @SuppressWarnings("unchecked")
    Address first(String holder) {
        Object held = byHolder.get(holder);
        return held == null ? null : held instanceof Address single ? single : ((NavigableSet<Address>) held).first();
    }

    @SuppressWarnings("unchecked")
    NavigableSet<Address> all(String holder) {
        Object held = byHolder.get(holder);
        if (held == null) {
            return Collections.emptyNavigableSet();
        }
        if (held instanceof Address single) {
            return Collections.unmodifiableNavigableSet(new TreeSet<>(List.of(single)));
        }
        return Collections.unmodifiableNavigableSet((NavigableSet<Address>) held);
    }

    @SuppressWarnings("unchecked")
    int count(String holder) {
        Object held = byHolder.get(holder);
        return held == null ? 0 : held instanceof Address ? 1 : ((NavigableSet<Address>) held).size();
    }
}
