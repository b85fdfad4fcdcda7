package io.pooldesk.model.system;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes new requests for what-ifs (the scenario panel, the forecast) from what they ask of the IPAM, and reads that
 * back from a request the composer wrote.
 */
public interface RequestComposer {

    /** What a new request asks: its namespace and the network, project and cluster it is in; a pool it names. */
    record Asks(String namespace, String network, String project, String cluster, String pool) {
    }

    /** The kind of object it writes. */
    String requestKind();

    ObjectNode compose(Asks asks, String name);

    /** Whether this pool is one of those the composed requests are served from (a what-if may change its priority). */
    boolean servesFrom(io.pooldesk.model.manifest.Manifest pool);

    /** The pool with its priority among the pools the composed requests choose from set to {@code priority}. */
    ObjectNode withPriority(io.pooldesk.model.manifest.Manifest pool, int priority);

    /** The pools the composed requests are served from, in the operator's words ("Harvester load-balancer pool"). */
    String poolNoun();

    /** What a request asks; null when it is not a request this composer writes. */
    Asks read(ObjectNode request);
}
