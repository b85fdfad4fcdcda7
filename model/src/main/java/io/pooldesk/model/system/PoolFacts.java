package io.pooldesk.model.system;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;

/**
 * What a pool system tells the window about one pool beyond its addresses: the selector in words, the address its
 * controller hands out next, and the extent its map spans (a Harvester pool's whole subnet, gateway included).
 *
 * @param extent   null to span the usable addresses and those held
 * @param reserved addresses inside the extent the system never hands out (a gateway)
 */
public record PoolFacts(String description, String network, String scope, String priority, boolean global,
                        Address next, Span extent, AddressSet reserved) {

    public static final PoolFacts NONE = new PoolFacts("", "", "", "", false, null, null, AddressSet.empty());
}
