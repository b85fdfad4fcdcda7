package io.pooldesk.views.pools.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.views.pools.editor.PoolForm;
import io.pooldesk.views.pools.forms.harvesterdhcp.DhcpPoolForm;
import io.pooldesk.views.pools.forms.harvesterlb.IpPoolForm;
import io.pooldesk.views.pools.forms.metallb.IpAddressPoolForm;
import io.pooldesk.views.pools.forms.novaedge.ProxyIpPoolForm;
import io.pooldesk.views.pools.forms.openelb.EipForm;

import java.util.List;
import java.util.Optional;

/**
 * The pool forms of the window: the one place in the views that names them, as {@code PoolSystems} is in the model.
 * Everything else asks this list by a pool's system. Adding a form is one package implementing {@link PoolForm} plus
 * one line here.
 */
public final class PoolForms {
    /** In the order of the "New Pool" menu. */
    private static final List<PoolForm> ALL = List.of(
            new IpPoolForm(),
            new IpAddressPoolForm(),
            new EipForm(),
            new DhcpPoolForm(),
            new ProxyIpPoolForm());

    private PoolForms() {
    }

    public static List<PoolForm> all() {
        return ALL;
    }

    public static Optional<PoolForm> bySystem(String systemId) {
        return ALL.stream().filter(f -> f.systemId().equals(systemId)).findFirst();
    }

    /** The form of the system whose pool this object is; empty when it is no pool or its system has no form. */
    public static Optional<PoolForm> of(Manifest pool) {
        return PoolSystems.ofPool(pool).map(PoolSystem::id).flatMap(PoolForms::bySystem);
    }

    /** The system's name an operator knows ({@code MetalLB}), for menus. */
    public static String systemTitle(PoolForm form) {
        return PoolSystems.byId(form.systemId()).map(PoolSystem::title).orElse(form.systemId());
    }

    /**
     * A new pool's start from a saved one: the same object under the name {@code <name>-copy}, without what the
     * cluster writes (status, uid, resourceVersion, timestamps).
     */
    public static ObjectNode cloneOf(ObjectNode pool) {
        ObjectNode copy = pool.deepCopy();
        copy.remove("status");
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            for (String written : List.of("uid", "resourceVersion", "creationTimestamp", "generation",
                    "managedFields", "selfLink", "deletionTimestamp")) {
                meta.remove(written);
            }
            meta.put("name", meta.path("name").asText() + "-copy");
        }
        return copy;
    }
}
