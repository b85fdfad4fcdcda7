package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One request as the window lists it: who asked, what for, and what it got or why it waits.
 *
 * @param requirements what it asks of a pool, in words
 * @param outcome      what its controller made of it at the end
 */
public record LoadBalancerSummary(ObjectRef request, String requirements, Outcome outcome) {

    public String kind() {
        return request.kind();
    }

    public String namespace() {
        return request.namespace();
    }

    public String name() {
        return request.name();
    }

    public boolean pending() {
        return !outcome.isServed();
    }

    /** The pool that serves it, or null. */
    public ObjectRef servingPool() {
        return outcome instanceof Outcome.Served served ? served.pool() : null;
    }

    /** Its addresses; empty while it waits. */
    public List<Address> addresses() {
        return outcome instanceof Outcome.Served served ? served.addresses() : List.of();
    }

    /** The serving pool's name, for a table cell; null while it waits. */
    public String pool() {
        ObjectRef pool = servingPool();
        return pool == null ? null : pool.name();
    }

    /** The addresses in canonical text, for a table cell; null while it waits. */
    public String address() {
        return addresses().isEmpty() ? null
                : addresses().stream().map(Address::toString).collect(Collectors.joining(","));
    }

    /** Why it waits, in the reference's words; null when served. */
    public String reason() {
        return outcome instanceof Outcome.Pending pending ? pending.message() : null;
    }
}
