package io.pooldesk.views.pools.forms.harvesterdhcp;

import io.pooldesk.model.harvester.dhcp.DhcpAdmission;
import io.pooldesk.model.harvester.dhcp.DhcpCodec;
import io.pooldesk.model.harvester.dhcp.DhcpLayout;
import io.pooldesk.model.harvester.dhcp.DhcpPool;
import io.pooldesk.model.harvester.dhcp.DhcpSystem;
import io.pooldesk.model.harvester.dhcp.HarvesterDhcp;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.Violation;
import io.pooldesk.views.pools.editor.FieldForm;
import io.pooldesk.views.pools.editor.FormField;

import java.util.ArrayList;
import java.util.List;

/** Harvester's managed-DHCP IPPool: the VM network, its IPv4 subnet and server, and the range handed out. */
public final class DhcpPoolForm extends FieldForm {
    private static final String NETWORK = "Network";
    private static final String POOL = "Pool";

    @Override
    public String systemId() {
        return DhcpSystem.ID;
    }

    @Override
    public String title() {
        return "DHCP IPPool";
    }

    @Override
    protected List<FormField> fields() {
        return List.of(
                FormField.text("metadata.name", null, "Name *", "a DNS name, such as net-48"),
                FormField.text("metadata.namespace", null, "Namespace", "default"),
                FormField.text("spec.networkName", NETWORK, "Network *", "namespace/name of the VM network"),
                FormField.text("spec.ipv4Config.cidr", NETWORK, "CIDR *", "172.19.0.0/16"),
                FormField.text("spec.ipv4Config.serverIP", NETWORK, "Server IP *", "the DHCP server's address")
                        .hint("Inside the CIDR, outside the range handed out."),
                FormField.text("spec.ipv4Config.router", NETWORK, "Router", "the default gateway"),
                FormField.text("spec.ipv4Config.pool.start", POOL, "Range start *", "first address handed out"),
                FormField.text("spec.ipv4Config.pool.end", POOL, "Range end *", "last address handed out"),
                FormField.list("spec.ipv4Config.pool.exclude", POOL, "Exclude", "an address never handed out"),
                FormField.flag("spec.paused", POOL, "Paused", false)
                        .hint("A paused pool's controller hands out nothing."));
    }

    /**
     * The CRD makes the network, the CIDR, the range, the router and the server immutable once created, and the
     * webhook refuses a server on an address in use: an edit is checked as the update it is.
     */
    @Override
    protected List<Violation> updateRules(Manifest saved, Manifest edited) {
        try {
            DhcpPool before = DhcpCodec.readPool(saved);
            DhcpLayout layout = DhcpLayout.resolve(before, new ArrayList<>());
            if (layout == null) {
                return List.of();
            }
            return DhcpAdmission.checkUpdate(layout, DhcpCodec.readPool(edited), HarvesterDhcp.DEFAULT_SERVICE_CIDR,
                    before.allocated());
        } catch (ManifestException unreadable) {
            // validate has said what is unreadable
            return List.of();
        }
    }
}
