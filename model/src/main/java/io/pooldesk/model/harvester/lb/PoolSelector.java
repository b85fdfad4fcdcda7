package io.pooldesk.model.harvester.lb;

import java.util.List;

/** {@code spec.selector}: the VM network, the priority (bigger wins) and the scope tuples. */
public record PoolSelector(String network, long priority, List<ScopeTuple> scope) {

    public PoolSelector {
        scope = List.copyOf(scope);
    }

    /** A global pool has exactly one scope tuple whose three fields are all {@code *} (the mutator's rule). */
    public boolean isGlobal() {
        return scope.size() == 1 && scope.get(0).isAllWildcards();
    }
}
