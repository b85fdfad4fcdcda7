package io.pooldesk.views.pools.forms.openelb;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.openelb.EipAdmission;
import io.pooldesk.model.openelb.EipCodec;
import io.pooldesk.model.openelb.OpenElbSystem;
import io.pooldesk.model.system.Violation;
import io.pooldesk.views.pools.editor.FieldForm;
import io.pooldesk.views.pools.editor.FormField;

import java.util.List;

/** OpenELB's Eip: one address (an IP, a CIDR or a range), how it is announced, and who may use it. */
public final class EipForm extends FieldForm {
    private static final String ADDRESS = "Address";
    private static final String NAMESPACES = "Namespaces";

    @Override
    public String systemId() {
        return OpenElbSystem.ID;
    }

    @Override
    public String title() {
        return "OpenELB Eip";
    }

    @Override
    protected List<FormField> fields() {
        return List.of(
                FormField.text("metadata.name", null, "Name *", "a DNS name, such as eip-pool"),
                FormField.text("spec.address", ADDRESS, "Address *", "192.168.0.100-192.168.0.120 or a CIDR")
                        .hint("One IP, one CIDR or one first-last range."),
                FormField.choice("spec.protocol", ADDRESS, "Protocol", "bgp", "layer2", "vip")
                        .hint("How the address is announced: bgp when not set."),
                FormField.text("spec.interface", ADDRESS, "Interface", "eth0, or can_reach:192.168.0.5")
                        .hint("Needed for layer2 and vip."),
                FormField.flag("spec.disable", ADDRESS, "Disabled", false)
                        .hint("A disabled Eip hands out no new address."),
                FormField.flag("spec.usingKnownIPs", ADDRESS, "Using known IPs", false),
                FormField.number("spec.priority", NAMESPACES, "Priority", "0 is tried first"),
                FormField.list("spec.namespaces", NAMESPACES, "Namespaces", "a namespace"));
    }

    /** OpenELB's webhook refuses an update that moves the address (ValidateUpdate), which validate never sees. */
    @Override
    protected List<Violation> updateRules(Manifest saved, Manifest edited) {
        try {
            return EipAdmission.checkUpdate(EipCodec.read(saved), EipCodec.read(edited), List.of());
        } catch (ManifestException unreadable) {
            // validate has said what is unreadable
            return List.of();
        }
    }
}
