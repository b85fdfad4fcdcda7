package io.pooldesk.app.cli;

import io.pooldesk.model.registry.PoolSystems;

import java.util.List;

/** The registry's system ids as the command line's help and messages list them. */
final class PoolSystemNames implements Iterable<String> {

    @Override
    public java.util.Iterator<String> iterator() {
        return PoolSystems.ids().iterator();
    }

    /** {@code a, b or c}. */
    static String inWords() {
        List<String> ids = PoolSystems.ids();
        return ids.size() == 1 ? ids.get(0)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
