package io.pooldesk.model.workspace;

/**
 * One request as the window lists it: who asked, what for, and what it got or why it waits.
 *
 * @param requirements what it asks of a pool, in words
 * @param pool         the pool that serves it, or null
 * @param address      its address, or null
 * @param reason       why it is pending, in words, or null
 */
public record LoadBalancerSummary(String kind, String namespace, String name, String requirements, String pool,
                                  String address, String reason) {

    public boolean pending() {
        return address == null;
    }
}
