package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.kube.LabelSelector;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * MetalLB's validating webhook, which rebuilds the whole configuration: no two pools of one name, and no CIDR block of
 * any pool (its own included) inside another block seen before it.
 */
public final class MetalLbAdmission {
    private MetalLbAdmission() {
    }

    public static List<Violation> check(PoolBlocks candidate, List<PoolBlocks> existing) {
        return check(candidate, existing, MetalLb.NAMESPACE);
    }

    /**
     * @param namespace the namespace MetalLB runs in ({@code --metallb-namespace}): the webhook refuses a pool created
     *                  anywhere else (internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go 96-101)
     */
    public static List<Violation> check(PoolBlocks candidate, List<PoolBlocks> existing, String namespace) {
        List<Violation> violations = new ArrayList<>();
        IpAddressPool pool = candidate.pool();
        if (!pool.namespace().isEmpty() && !namespace.equals(pool.namespace())) {
            violations.add(new Violation("metadata.namespace", "resource must be created in " + namespace
                    + " namespace"));
        }
        String parsing = "parsing address pool " + pool.name() + ": ";
        for (int i = 0; i < pool.addresses().size(); i++) {
            String entry = pool.addresses().get(i);
            // CIDR entries are not trimmed, range ends are (internal/config/config.go 1078-1084)
            if (!entry.contains("-") && !entry.equals(entry.strip())) {
                violations.add(new Violation("spec.addresses[" + i + "]", parsing + "invalid CIDR \"" + entry
                        + "\" in pool \"" + pool.name() + "\": invalid CIDR \"" + entry + "\""));
            }
        }
        if (pool.serviceAllocation() != null) {
            selectorDuplicates(pool.serviceAllocation().namespaceSelectors(), "namespaceSelectors", parsing,
                    violations);
            selectorDuplicates(pool.serviceAllocation().serviceSelectors(), "serviceSelectors", parsing, violations);
        }
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
                    violations.add(new Violation("spec.serviceAllocation.namespaces", "parsing address pool "
                            + pool.name() + ": duplicate definition in namespaces field (\"" + ns + "\")"));
                }
            }
        }
        return violations;
    }

    /** validateLabelSelectorDuplicate (internal/config/config.go 1220-1260): values are sorted before comparing. */
    private static void selectorDuplicates(List<LabelSelector> selectors, String field, String parsing,
                                           List<Violation> violations) {
        String path = "spec.serviceAllocation." + field;
        for (int i = 0; i < selectors.size(); i++) {
            List<LabelSelector.Expression> expressions = selectors.get(i).matchExpressions();
            for (int e = 0; e < expressions.size(); e++) {
                Set<String> values = new HashSet<>();
                for (String value : expressions.get(e).values()) {
                    if (!values.add(value)) {
                        violations.add(new Violation(path + "[" + i + "].matchExpressions[" + e + "].values", parsing
                                + "duplicate definition of match expression value in label selector \"" + value + "\""));
                        return;
                    }
                }
                for (int f = e + 1; f < expressions.size(); f++) {
                    if (goText(expressions.get(e)).equals(goText(expressions.get(f)))) {
                        violations.add(new Violation(path + "[" + i + "].matchExpressions[" + f + "]", parsing
                                + "duplicate definition of match expressions " + goText(expressions.get(e))));
                        return;
                    }
                }
            }
            for (int j = i + 1; j < selectors.size(); j++) {
                if (goText(selectors.get(i)).equals(goText(selectors.get(j)))) {
                    violations.add(new Violation(path + "[" + j + "]", parsing + "duplicate definition of " + field
                            + " " + goText(selectors.get(i))));
                    return;
                }
            }
        }
    }

    /** Go's {@code %q} of a label selector, as the reference prints it: {@code {map["foo":"bar"] []}}. */
    private static String goText(LabelSelector selector) {
        String labels = new TreeMap<>(selector.matchLabels()).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(" "));
        String expressions = selector.matchExpressions().stream().map(MetalLbAdmission::goText)
                .collect(Collectors.joining(" "));
        return "{map[" + labels + "] [" + expressions + "]}";
    }

    private static String goText(LabelSelector.Expression e) {
        return "{\"" + e.key() + "\" \"" + e.operator() + "\" " + e.values().stream().sorted()
                .map(v -> "\"" + v + "\"").collect(Collectors.joining(" ", "[", "]")) + "}";
    }

    /** What the webhook does not check but an operator should know. */
    public static List<Violation> advisories(PoolBlocks pool) {
        List<Violation> notes = new ArrayList<>();
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
        return notes;
    }
}
