package io.pooldesk.views.pools.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolObjects;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.Violation;

import java.util.List;

/**
 * A pool form that edits its object field by field, for the systems whose pools are a handful of fields and lists:
 * the kind lists its fields; checking is the pool system's own admission, as {@code pooldesk validate} runs it.
 */
public abstract class FieldForm implements PoolForm {

    /** The fields, Name first; those with no tab go above the tabs, the others on their tab in this order. */
    protected abstract List<FormField> fields();

    /** Where a new pool of a namespaced kind goes; ignored for cluster-scoped kinds. */
    protected String defaultNamespace() {
        return "default";
    }

    /** A new pool: the system's pool kind and API version, no name yet, an empty spec. */
    protected ObjectNode blank() {
        ResourceType pool = system().resources().stream().filter(r -> r.role() == ResourceType.Role.POOL
                && r.served()).findFirst().orElseThrow();
        ObjectNode object = PoolObjects.object(pool.apiVersion(), pool.kind(), "",
                pool.namespaced() ? defaultNamespace() : null);
        object.putObject("spec");
        return object;
    }

    /**
     * What an update must pass beyond what {@code validate} checks (which admits every object as a create): the
     * webhook's update rules, such as fields that are immutable once created. None by default.
     */
    protected List<Violation> updateRules(Manifest saved, Manifest edited) {
        return List.of();
    }

    @Override
    public final List<Violation> checkUpdate(Manifest saved, Manifest edited) {
        return updateRules(saved, edited);
    }

    protected PoolSystem system() {
        return PoolSystems.byId(systemId()).orElseThrow();
    }

    @Override
    public PoolFormModel edit(ObjectNode pool, List<Manifest> workspace) {
        return new FieldFormModel(system(), pool, false, fields(), workspace, this::updateRules);
    }

    @Override
    public PoolFormModel create(ObjectNode start, List<Manifest> workspace) {
        return new FieldFormModel(system(), start != null ? start : blank(), true, fields(), workspace,
                this::updateRules);
    }

    @Override
    public PoolFormParts view(PoolFormModel model) {
        return FieldFormView.parts((FieldFormModel) model);
    }
}
