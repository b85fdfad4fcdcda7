package io.pooldesk.model.system;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;
import java.util.Optional;

/**
 * One pool system's controllers inside a simulation, with the allocation state they keep. The simulator feeds it
 * objects and reconciles to a fixpoint, as the cluster's level-triggered controllers converge (controllers.md §1);
 * the controller decides only what its reference decides: admission, which pool, which address, what a change keeps.
 */
public interface Controller {

    /** A pool as it already stands (the starting state), status included; broken admission rules are warnings. */
    void load(Manifest pool, SimulationLog log);

    /**
     * A pool created or changed by a step, through the system's admission webhook. An update keeps the allocations
     * the reference keeps; what it takes back is returned, and those requests are reconciled again.
     *
     * @return the change, or null when admission refused it (the refusal is logged)
     */
    PoolChange apply(Manifest pool, SimulationLog log);

    /**
     * Reconciles a request that holds nothing yet (new, waiting, or released by a change): chooses a pool and an
     * address, or says why it waits.
     *
     * @return one outcome per address the object asks for (one per NIC of a VM network config, else one); empty when
     *         no pool of this system serves the object (a DHCP-type load balancer)
     */
    List<Outcome> reconcile(Manifest request, SimulationLog log);

    /**
     * The webhook's rules for a new request: enforced on a Scenario step, said as a warning for the starting state (the
     * cluster already stores it). Empty when admitted.
     */
    default List<Violation> admitCreate(Manifest request) {
        return List.of();
    }

    /** The webhook's rules for a request that already exists and changes; empty when the change is admitted. */
    default List<Violation> admitUpdate(Manifest before, Manifest after) {
        return List.of();
    }

    /**
     * Whether a request that holds an address gives it back when it changes from {@code before} to {@code after}
     * (it asks for another address or pool, or stops asking): the controller releases, then serves it again.
     */
    default boolean releasesOnChange(Manifest before, Manifest after) {
        return false;
    }

    /** Releases what a request holds (deleted, or changed as {@link #releasesOnChange} says); empty when nothing. */
    List<Release> release(ObjectRef request, SimulationLog log);

    /**
     * Deletes a pool through the webhook's delete rules (a refusal is logged). What the deletion takes back from the
     * requests the pool served is returned, and those requests are reconciled again: they move to another pool or
     * wait, as the reference's controller does when the pool is gone.
     *
     * @return empty when this system has no such pool
     */
    Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log);

    /** Every pool's state, for the report. */
    List<PoolReport> report();

    /** What a pool deletion did: refused by the webhook (nothing changed), or done, with what it released. */
    record PoolDeletion(boolean refused, List<Release> released) {
        public static final PoolDeletion REFUSED = new PoolDeletion(true, List.of());
        public static final PoolDeletion NOTHING_RELEASED = new PoolDeletion(false, List.of());

        public PoolDeletion {
            released = List.copyOf(released);
        }

        public static PoolDeletion released(List<Release> released) {
            return new PoolDeletion(false, released);
        }
    }

    /** What a pool change did to the requests it served. */
    record PoolChange(List<Release> released) {
        public static final PoolChange NOTHING_RELEASED = new PoolChange(List.of());

        public PoolChange {
            released = List.copyOf(released);
        }
    }
}
