package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MetalLB's validating webhook, which rebuilds the whole configuration: no two pools of one name, and no CIDR block of
 * any pool (its own included) inside another block seen before it.
 */
public final class MetalLbAdmission {
    private MetalLbAdmission() {
    }

    public static List<Violation> check(PoolBlocks candidate, List<PoolBlocks> existing) {
        List<Violation> violations = new ArrayList<>();
        IpAddressPool pool = candidate.pool();
        for (PoolBlocks other : existing) {
            if (other.pool().name().equals(pool.name())) {
                violations.add(new Violation("metadata.name", "duplicate definition of pool \"" + pool.name() + "\""));
            }
        }
        List<Cidr> seen = new ArrayList<>();
        List<String> seenOwners = new ArrayList<>();
        for (PoolBlocks other : existing) {
            for (Cidr block : other.blocks()) {
                seen.add(block);
                seenOwners.add(other.pool().name());
            }
        }
        for (Cidr block : candidate.blocks()) {
            for (int i = 0; i < seen.size(); i++) {
                Cidr earlier = seen.get(i);
                if (block.family() == earlier.family()
                        && (earlier.contains(block.network()) || block.contains(earlier.network()))) {
                    violations.add(new Violation("spec.addresses", "CIDR \"" + block + "\" in pool \"" + pool.name()
                            + "\" overlaps with already defined CIDR \"" + earlier + "\""
                            + (seenOwners.get(i).equals(pool.name()) ? "" : " of pool \"" + seenOwners.get(i) + "\"")));
                    break;
                }
            }
            seen.add(block);
            seenOwners.add(pool.name());
        }
        if (pool.serviceAllocation() != null) {
            Set<String> namespaces = new HashSet<>();
            for (String ns : pool.serviceAllocation().namespaces()) {
                if (!namespaces.add(ns)) {
                    violations.add(new Violation("spec.serviceAllocation.namespaces",
                            "duplicate definition of namespace \"" + ns + "\" in pool \"" + pool.name() + "\""));
                }
            }
        }
        return violations;
    }

    /** What the webhook does not check but an operator should know. */
    public static List<Violation> advisories(PoolBlocks pool) {
        List<Violation> notes = new ArrayList<>();
        if (!pool.pool().namespace().isEmpty() && !MetalLb.NAMESPACE.equals(pool.pool().namespace())) {
            notes.add(new Violation("metadata.namespace", "MetalLB's webhook refuses pools outside its own namespace,"
                    + " normally " + MetalLb.NAMESPACE));
        }
        for (int i = 0; i < pool.pool().addresses().size(); i++) {
            String entry = pool.pool().addresses().get(i).trim();
            try {
                Cidr cidr = io.pooldesk.model.address.AddressParser.cidr(entry);
                if (cidr.hostBitsSet()) {
                    notes.add(new Violation("spec.addresses[" + i + "]", entry + " has host bits set: MetalLB uses the"
                            + " whole " + new Cidr(cidr.network(), cidr.prefixLength())));
                }
            } catch (io.pooldesk.model.address.InvalidAddressException ignored) {
                // a range, or an error reported elsewhere
            }
        }
        if (pool.pool().serviceAllocation() != null && !pool.pool().serviceAllocation().namespaceSelectors().isEmpty()) {
            notes.add(new Violation("spec.serviceAllocation.namespaceSelectors", "namespace labels are not part of"
                    + " the input: Pooldesk treats these selectors as matching no namespace"));
        }
        return notes;
    }
}
