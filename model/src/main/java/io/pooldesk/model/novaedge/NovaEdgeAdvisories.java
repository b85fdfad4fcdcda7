package io.pooldesk.model.novaedge;

import java.util.ArrayList;
import java.util.List;

/** What NovaEdge does silently and an operator should know: truncated CIDRs, overlapping pools, ignored autoAssign. */
final class NovaEdgeAdvisories {
    private NovaEdgeAdvisories() {
    }

    static List<String> of(PoolExpansion expansion, NovaEdgeEngine engine) {
        List<String> notes = new ArrayList<>(expansion.truncations());
        for (NovaEdgeEngine.PoolState other : engine.pools()) {
            if (!other.expansion().pool().name().equals(expansion.pool().name())
                    && !expansion.usable().minus(other.expansion().usable()).equals(expansion.usable())) {
                notes.add("shares addresses with pool " + other.expansion().pool().name() + "; NovaEdge does not check,"
                        + " so both pools can hand out the same address");
            }
        }
        if (!expansion.pool().autoAssign()) {
            notes.add("autoAssign: false is stored but never consulted by NovaEdge's allocator");
        }
        if (expansion.entries().isEmpty()) {
            notes.add("expands to no address at all (a /31 loses both of its addresses)");
        }
        return notes;
    }
}
