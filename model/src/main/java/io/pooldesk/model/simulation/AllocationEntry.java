package io.pooldesk.model.simulation;

/**
 * One line of the report's {@code allocations} or {@code released} arrays.
 *
 * @param request {@code Kind/namespace/name}, or {@code Kind/name} for a cluster-scoped object
 * @param pool    the pool's name, or null when the request was not served (the error names the pool tried)
 * @param address canonical address text, or null
 * @param error   why the request was not served, or null
 */
public record AllocationEntry(String request, String pool, String address, String error) {

    public boolean isServed() {
        return error == null;
    }
}
