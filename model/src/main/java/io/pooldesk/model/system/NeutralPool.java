package io.pooldesk.model.system;

import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/**
 * A pool of any kind, in terms every kind shares.
 *
 * @param addresses  exactly the addresses the source system can hand out
 * @param written    every address the pool's ranges name, usable or not (the exact size beside the usable count)
 * @param namespaces who may use it automatically; null means any namespace
 * @param system     the id of the pool system it was read from
 * @param rank       preference among pools, 1 the most preferred; null means no preference (the lowest); when
 *                   {@code biggerWins}, the source's raw priority, ranked across the batch by the converter
 * @param autoAssign whether the pool serves requests that do not name it
 * @param notes      what the source held that no neutral field carries (DHCP options, a VM network, ...)
 */
public record NeutralPool(Manifest source, String system, String name, String namespace, AddressSet addresses,
                          AddressSet written, List<String> namespaces, Integer rank, boolean biggerWins,
                          boolean autoAssign, List<String> notes) {

    /** The same pool with its raw priority turned into a rank (1 the most preferred). */
    public NeutralPool ranked(int rank) {
        return new NeutralPool(source, system, name, namespace, addresses, written, namespaces, rank, false,
                autoAssign, notes);
    }
}
