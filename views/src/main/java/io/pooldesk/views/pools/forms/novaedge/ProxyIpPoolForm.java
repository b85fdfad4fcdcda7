package io.pooldesk.views.pools.forms.novaedge;

import io.pooldesk.model.novaedge.NovaEdgeSystem;
import io.pooldesk.views.pools.editor.FieldForm;
import io.pooldesk.views.pools.editor.FormField;

import java.util.List;

/** NovaEdge's ProxyIPPool: CIDRs and single addresses; its spec has nothing else but autoAssign. */
public final class ProxyIpPoolForm extends FieldForm {
    private static final String ADDRESSES = "Addresses";

    @Override
    public String systemId() {
        return NovaEdgeSystem.ID;
    }

    @Override
    public String title() {
        return "NovaEdge ProxyIPPool";
    }

    @Override
    protected List<FormField> fields() {
        return List.of(
                FormField.text("metadata.name", null, "Name *", "a DNS name, such as vip-pool"),
                FormField.list("spec.cidrs", ADDRESSES, "CIDRs", "10.200.0.0/28"),
                FormField.list("spec.addresses", ADDRESSES, "Addresses", "a single address, such as 10.200.1.5"),
                FormField.flag("spec.autoAssign", ADDRESSES, "Auto-assign", true)
                        .hint("Stored by NovaEdge, not used by its allocator."));
    }
}
