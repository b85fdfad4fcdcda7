package io.pooldesk.views.pools.forms.metallb;

import io.pooldesk.model.metallb.MetalLb;
import io.pooldesk.model.metallb.MetalLbSystem;
import io.pooldesk.views.pools.editor.FieldForm;
import io.pooldesk.views.pools.editor.FormField;

import java.util.List;

/** MetalLB's IPAddressPool: its addresses and flags, and the serviceAllocation that pins it to namespaces and services. */
public final class IpAddressPoolForm extends FieldForm {
    private static final String ADDRESSES = "Addresses";
    private static final String ALLOCATION = "Service Allocation";

    @Override
    public String systemId() {
        return MetalLbSystem.ID;
    }

    @Override
    public String title() {
        return "MetalLB IPAddressPool";
    }

    @Override
    protected String defaultNamespace() {
        return MetalLb.NAMESPACE;
    }

    @Override
    protected List<FormField> fields() {
        return List.of(
                FormField.text("metadata.name", null, "Name *", "a DNS name, such as edge"),
                FormField.text("metadata.namespace", null, "Namespace", MetalLb.NAMESPACE)
                        .hint("MetalLB reads pools only from the namespace it runs in."),
                FormField.list("spec.addresses", ADDRESSES, "Addresses *", "10.0.0.0/24 or 10.0.0.10-10.0.0.20")
                        .hint("CIDRs or first-last ranges, IPv4 or IPv6."),
                FormField.flag("spec.autoAssign", ADDRESSES, "Auto-assign", true)
                        .hint("Off: only services that name this pool get its addresses."),
                FormField.flag("spec.avoidBuggyIPs", ADDRESSES, "Avoid buggy IPs", false)
                        .hint("Skips the .0 and .255 addresses of each /24."),
                FormField.number("spec.serviceAllocation.priority", ALLOCATION, "Priority", "1 is tried first"),
                FormField.list("spec.serviceAllocation.namespaces", ALLOCATION, "Namespaces", "a namespace"),
                FormField.selectors("spec.serviceAllocation.namespaceSelectors", ALLOCATION, "Namespace selectors"),
                FormField.selectors("spec.serviceAllocation.serviceSelectors", ALLOCATION, "Service selectors")
                        .hint("Each row matches labels: key=value, key=value."));
    }
}
