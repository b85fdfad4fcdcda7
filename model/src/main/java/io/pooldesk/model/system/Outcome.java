package io.pooldesk.model.system;

import io.pooldesk.model.address.Address;

import java.util.List;

/** What became of a request after its controller reconciled it. */
public sealed interface Outcome permits Outcome.Served, Outcome.Pending, Outcome.Refused {

    ObjectRef request();

    /** Holds {@code addresses} (two for a dual-stack Service) from {@code pool}. */
    record Served(ObjectRef request, ObjectRef pool, List<Address> addresses) implements Outcome {
        public Served {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Waits; the controller retries it. {@code pool} is the pool tried, when one was chosen; {@code message} the
     * reference's words.
     */
    record Pending(ObjectRef request, ObjectRef pool, PendingReason reason, String message) implements Outcome {
    }

    /** The admission webhook refused the object: the cluster never stores it. */
    record Refused(ObjectRef request, List<Violation> violations) implements Outcome {
        public Refused {
            violations = List.copyOf(violations);
        }
    }

    default boolean isServed() {
        return this instanceof Served;
    }
}
