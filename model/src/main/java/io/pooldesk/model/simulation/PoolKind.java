package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/**
 * One kind of pool system in a simulation (Harvester load balancer, MetalLB, ...): which objects are its pools and
 * its requests, and what it does with them. Each kind keeps its own state; the {@link Simulator} only routes.
 */
public interface PoolKind {

    boolean isPool(Manifest manifest);

    boolean isRequest(Manifest manifest);

    /** A pool as it already stands (the starting state), status included. */
    void load(Manifest pool, SimulationLog log);

    /** A pool created or changed by a scenario step: the kind's admission rules apply. */
    void apply(Manifest pool, SimulationLog log);

    /** Serves one request and logs the outcome. */
    void request(Manifest request, SimulationLog log);

    /**
     * Deletes an object of this kind (a pool or a request) named by a scenario step.
     *
     * @return false when this kind has no such kind of object
     */
    boolean delete(String kind, String namespace, String name, String step, SimulationLog log);

    List<PoolReport> report();
}
