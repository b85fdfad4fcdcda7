package io.pooldesk.views.pools.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.Violation;

import java.util.List;

/**
 * The form of one pool system's pools, implemented once in that system's form package and listed once in
 * {@code io.pooldesk.views.pools.forms.PoolForms}. The window opens, checks and saves every kind through this, so
 * nothing outside the form packages names a kind.
 */
public interface PoolForm {

    /** The pool system it edits ({@code PoolSystem#id()} of the model's registry). */
    String systemId();

    /** What the operator calls the pool, for the window's title: {@code IP Pool}, {@code MetalLB IPAddressPool}. */
    String title();

    /**
     * A form on a saved pool: what is not changed in the form is saved exactly as it was.
     *
     * @param workspace every object of the workspace, the pool included: the pool's rules run against the others
     */
    PoolFormModel edit(ObjectNode pool, List<Manifest> workspace);

    /** A form on a new pool, starting blank, or from {@code start} (a copy of a pool being cloned) when not null. */
    PoolFormModel create(ObjectNode start, List<Manifest> workspace);

    /** The form's controls for a model this form made. */
    PoolFormParts view(PoolFormModel model);

    /**
     * What the pool system's webhook refuses in an update of {@code saved} to {@code edited} beyond what
     * {@code validate} checks (which admits every object as a create), such as fields immutable once created: the
     * YAML editor asks this, so an edit there passes the rules the form's Save passes. None by default.
     */
    default List<Violation> checkUpdate(Manifest saved, Manifest edited) {
        return List.of();
    }
}
