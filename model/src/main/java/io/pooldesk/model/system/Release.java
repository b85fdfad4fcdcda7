package io.pooldesk.model.system;

import io.pooldesk.model.address.Address;

import java.util.List;

/** Addresses a request no longer holds: it was deleted, changed, or its pool no longer covers them. */
public record Release(ObjectRef request, ObjectRef pool, List<Address> addresses) {
    public Release {
        addresses = List.copyOf(addresses);
    }
}
