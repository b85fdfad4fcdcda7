package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.system.PendingReason;

import java.util.List;

/**
 * What became of one load balancer's request.
 *
 * @param pool    the pool chosen, or null when none was
 * @param address the address, or null when the request was not served
 * @param wait    why it was not served, or null
 * @param error   the reference's words for it, or null
 * @param reason  how the pool was chosen, in words
 */
public record RequestOutcome(String pool, Address address, PendingReason waitReason, String error, String reason,
                             List<String> warnings) {

    public boolean isServed() {
        return address != null;
    }
}
