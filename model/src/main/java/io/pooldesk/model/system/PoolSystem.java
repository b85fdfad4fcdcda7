package io.pooldesk.model.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.util.List;
import java.util.function.Consumer;

/**
 * One pool system (Harvester load balancer, MetalLB, ...), implemented once in its own package: its objects, its
 * admission rules, its controllers, its conversion and what the window shows of its pools. Simulation, validation,
 * conversion, the workspace, cluster access, the command line and the window ask these, through the registry, and
 * never name a system themselves.
 */
public interface PoolSystem {

    /** The short name the command line uses ({@code convert --to}), such as {@code metallb}. */
    String id();

    /** The name an operator knows, such as {@code MetalLB}. */
    String title();

    /** The cluster resources it reads and writes: pools before requests; tolerated groups are read, never written. */
    List<ResourceType> resources();

    boolean isPool(Manifest manifest);

    /**
     * Whether this system serves the object as a request. The registry asks the systems in its order, so a system that
     * needs no opt-in (MetalLB) is asked last.
     */
    boolean isRequest(Manifest manifest);

    /** How the report names the object: namespaced objects in {@code default} when no namespace is written. */
    default ObjectRef ref(Manifest manifest) {
        String kind = manifest.kind();
        Boolean known = null;
        for (ResourceType resource : resources()) {
            if (resource.kind().equals(kind)) {
                known = resource.namespaced();
                break;
            }
        }
        boolean namespaced = known != null ? known : !manifest.namespace().isEmpty();
        return namespaced ? ObjectRef.namespaced(manifest.kind(), manifest.namespace(), manifest.name())
                : ObjectRef.clusterScoped(manifest.kind(), manifest.name());
    }

    /** The admission rules, applied in document order ({@code pooldesk validate}); a fresh instance per run. */
    KindRules newRules(ClusterContext context);

    /** The system's controllers and their state, for one simulation run. */
    Controller newController(ClusterContext context);

    /** Settings of its controllers or webhooks an operator may give on the command line. */
    default java.util.List<Setting> settings() {
        return java.util.List.of();
    }

    /**
     * Its mutating webhooks, which run before validation and allocation: the object the cluster stores, with what
     * changed. The default stores the object as written.
     */
    default Mutation mutate(Manifest manifest, ClusterContext context) {
        return Mutation.none(manifest);
    }

    /** A pool in terms every system shares, for conversion and the window's exact counts. */
    NeutralPool neutral(Manifest pool) throws ManifestException;

    /** Writes a pool of another system as this system's objects; {@code loss} receives whatever is not carried. */
    List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss);

    /** Where its pools name the addresses they hand out, for messages about them. */
    default String addressesField() {
        return "spec";
    }

    /**
     * The addresses one of its pools' networks uses for itself (gateway, DHCP server, router), which another pool
     * must not hand out; empty for pools that name none, and for a pool it cannot read.
     */
    default List<NetworkAddress> networkAddresses(Manifest pool) {
        return List.of();
    }

    /**
     * The addresses one of its requests holds in its status or asks for by name, for the conflict check; empty for a
     * system that records holders only in its pools, and for a request it cannot read.
     */
    default List<HeldAddress> heldAddresses(Manifest request) {
        return List.of();
    }

    /** What the window shows of one of its pools beyond the counts; {@code controller} ran the workspace. */
    default PoolFacts facts(Manifest pool, Controller controller) {
        return PoolFacts.NONE;
    }

    /** Writes new requests for what-ifs; empty when this system's requests are not composed by the planner. */
    default java.util.Optional<RequestComposer> composer() {
        return java.util.Optional.empty();
    }

    /**
     * Whether a holder in one of its pools' status is a marker for addresses it never hands out (managed DHCP's
     * {@code EXCLUDED} and {@code RESERVED}) rather than a request.
     */
    default boolean isMarker(String holder) {
        return false;
    }

    /** What a request asks for, in words, for the load-balancer list; empty when nothing worth saying. */
    default String describeRequest(Manifest request) {
        return "";
    }
}
