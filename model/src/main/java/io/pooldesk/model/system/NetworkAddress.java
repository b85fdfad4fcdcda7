package io.pooldesk.model.system;

import io.pooldesk.model.address.Address;

/**
 * An address a pool's network uses for itself, such as its gateway, its DHCP server or its router: the pool's own
 * system never hands it out, but another pool overlapping that network would.
 *
 * @param role  what the address is, in the operator's words ("gateway", "DHCP server")
 * @param field where the pool's manifest sets it (or would set it: a default gateway has the range's field)
 */
public record NetworkAddress(String role, String field, Address address) {
}
