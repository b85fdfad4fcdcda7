package io.pooldesk.model.conflicts;

import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.NetworkAddress;
import io.pooldesk.model.system.PoolSystem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep over sorted spans finds exactly the pairs that comparing every pool with every other finds. */
class ConflictCheckTest {
    @Test
    void theSweepFindsEveryOverlappingPairOfDifferentSystemsAndNoOther() throws Exception {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder yaml = new StringBuilder();
            int pools = 2 + random.nextInt(12);
            for (int i = 0; i < pools; i++) {
                int first = random.nextInt(200);
                int last = first + random.nextInt(40);
                String range = "10.0.0." + first + "-10.0.0." + Math.min(last, 255);
                String second = random.nextBoolean() ? "" : ", 10.0.1." + first + "-10.0.1." + Math.min(last, 255);
                yaml.append(random.nextBoolean()
                        ? "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: p" + i
                        + ", namespace: metallb-system}\nspec: {addresses: [" + range + second + "]}\n---\n"
                        : "apiVersion: network.kubesphere.io/v1alpha2\nkind: Eip\nmetadata: {name: p" + i
                        + "}\nspec: {address: " + range + "}\n---\n");
            }
            List<Manifest> manifests = ManifestReader.parse("random.yaml", yaml.toString()).manifests();
            Set<String> found = new TreeSet<>();
            for (Conflict conflict : new ConflictCheck(PoolSystems.all()).check(manifests, Optional.empty())) {
                assertEquals(Conflict.Kind.POOLS_OVERLAP, conflict.kind());
                found.add(conflict.other().name() + "+" + conflict.pool().name());
                assertTrue(!conflict.addresses().isEmpty());
            }
            assertEquals(naivePairs(manifests), found, yaml.toString());
        }
    }

    @Test
    void everyPoolThatCanHandOutAnotherPoolsGatewayIsFoundInOrderAsComparingEveryPairFindsIt() throws Exception {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder yaml = new StringBuilder();
            int pools = 2 + random.nextInt(12);
            for (int i = 0; i < pools; i++) {
                int first = 1 + random.nextInt(200);
                int last = Math.min(first + random.nextInt(40), 254);
                if (random.nextBoolean()) {
                    yaml.append("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: p").append(i)
                            .append(", namespace: metallb-system}\nspec: {addresses: [10.0.0.").append(first)
                            .append("-10.0.0.").append(last).append("]}\n---\n");
                } else {
                    yaml.append("apiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: IPPool\nmetadata: {name: p")
                            .append(i).append("}\nspec:\n  ranges: [{subnet: 10.0.0.0/24, rangeStart: 10.0.0.")
                            .append(first).append(", rangeEnd: 10.0.0.").append(last).append(", gateway: 10.0.0.")
                            .append(1 + random.nextInt(254)).append("}]\n---\n");
                }
            }
            List<Manifest> manifests = ManifestReader.parse("random.yaml", yaml.toString()).manifests();
            List<String> found = new ArrayList<>();
            for (Conflict conflict : new ConflictCheck(PoolSystems.all()).check(manifests, Optional.empty())) {
                if (conflict.kind() == Conflict.Kind.NETWORK_ADDRESS) {
                    found.add(conflict.pool().name() + " holds " + conflict.other().name() + "'s "
                            + conflict.addresses().spans().get(0).first());
                }
            }
            assertEquals(naiveGateways(manifests), found, yaml.toString());
        }
    }

    private static List<String> naiveGateways(List<Manifest> manifests) throws Exception {
        List<PoolSystem> systems = new ArrayList<>();
        List<AddressSet> addresses = new ArrayList<>();
        for (Manifest manifest : manifests) {
            PoolSystem system = PoolSystems.all().stream().filter(s -> s.isPool(manifest)).findFirst().orElseThrow();
            systems.add(system);
            addresses.add(system.neutral(manifest).addresses());
        }
        List<String> found = new ArrayList<>();
        for (int j = 0; j < manifests.size(); j++) {
            for (int i = 0; i < manifests.size(); i++) {
                AddressSet a = addresses.get(i);
                boolean refusedByItsWebhook = systems.get(i) == systems.get(j)
                        && !a.minus(a.minus(addresses.get(j))).isEmpty();
                for (NetworkAddress reserved : systems.get(i).networkAddresses(manifests.get(i))) {
                    if (i != j && !refusedByItsWebhook && addresses.get(j).contains(reserved.address())) {
                        found.add(manifests.get(j).name() + " holds " + manifests.get(i).name() + "'s "
                                + reserved.address());
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> naivePairs(List<Manifest> manifests) throws Exception {
        List<PoolSystem> systems = new ArrayList<>();
        List<AddressSet> addresses = new ArrayList<>();
        for (Manifest manifest : manifests) {
            PoolSystem system = PoolSystems.all().stream().filter(s -> s.isPool(manifest)).findFirst().orElseThrow();
            systems.add(system);
            addresses.add(system.neutral(manifest).addresses());
        }
        Set<String> pairs = new TreeSet<>();
        for (int j = 0; j < manifests.size(); j++) {
            for (int i = 0; i < j; i++) {
                AddressSet a = addresses.get(i);
                if (systems.get(i) != systems.get(j) && !a.minus(a.minus(addresses.get(j))).isEmpty()) {
                    pairs.add(manifests.get(i).name() + "+" + manifests.get(j).name());
                }
            }
        }
        return pairs;
    }
}
