package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.system.Violation;

import java.util.List;
import java.util.Map;

/** The vm-dhcp-controller's admission of an IPPool, create and update ({@link DhcpWebhook} has the chain). */
public final class DhcpAdmission {
    private DhcpAdmission() {
    }

    /** The refusal of a create, empty when the cluster would store the pool. */
    public static List<Violation> checkCreate(DhcpPool pool, String serviceCidr) {
        return DhcpWebhook.create(pool, serviceCidr).refusal();
    }

    /**
     * The refusal of an update of the pool stored as {@code before}. As {@code kubectl apply} does, the fields the
     * mutator filled at create and the update leaves out keep their stored values.
     */
    public static List<Violation> checkUpdate(DhcpLayout before, DhcpPool after, String serviceCidr,
                                              Map<String, String> macAllocations) {
        return DhcpWebhook.update(stored(before), kept(before, after), serviceCidr, macAllocations).refusal();
    }

    static DhcpPool stored(DhcpLayout layout) {
        return layout.pool().withDefaults(layout.server().toString(), layout.start().toString(),
                layout.end().toString());
    }

    static DhcpPool kept(DhcpLayout before, DhcpPool after) {
        return after.withDefaults(after.serverIP().isEmpty() ? before.server().toString() : after.serverIP(),
                after.start().isEmpty() ? before.start().toString() : after.start(),
                after.end().isEmpty() ? before.end().toString() : after.end());
    }
}
