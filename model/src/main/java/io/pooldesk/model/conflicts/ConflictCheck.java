package io.pooldesk.model.conflicts;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Nodes;
import io.pooldesk.model.kube.ServiceCidrs;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.HeldAddress;
import io.pooldesk.model.system.NetworkAddress;
import io.pooldesk.model.system.PoolSystem;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One check for addresses claimed twice across pool systems and with the network around them. Each system's webhook
 * already refuses overlaps among its own pools; no system sees another's pools, the nodes, the pods or the services, so
 * every conflict found here is an address that can be handed out twice.
 */
public final class ConflictCheck {
    private record Pool(int order, PoolSystem system, Manifest manifest, AddressSet addresses,
                        List<NetworkAddress> network) {
        String named() {
            return manifest.describe() + " (" + system.title() + ", " + manifest.source() + ")";
        }

        String named(String field) {
            return manifest.describe() + " (" + system.title() + ", " + manifest.source() + ", " + field + ")";
        }
    }

    private record Claim(Span span, Pool pool) {
    }

    /** An address a request holds or asks for, with the system that serves the request. */
    private record Holding(PoolSystem system, Manifest holder, HeldAddress held) {
        String named() {
            return holder.describe() + " (" + system.title() + ", " + holder.source() + ", " + held.field() + ")";
        }
    }

    /** A gateway, DHCP server or router address of a pool, the {@code index}th its system names. */
    private record Reserved(NetworkAddress address, Pool owner, int index) {
    }

    private final List<PoolSystem> systems;

    public ConflictCheck(List<PoolSystem> systems) {
        this.systems = List.copyOf(systems);
    }

    /**
     * @param serviceCidr the cluster's service CIDR when the operator gave it; empty to learn it where the input shows
     *                    it: its {@code ServiceCIDR} objects, else (one address, not the range) the cluster IP of the
     *                    {@code kubernetes} Service in {@code default}
     * @throws InvalidAddressException when {@code serviceCidr} is not a CIDR
     */
    public List<Conflict> check(List<Manifest> manifests, Optional<String> serviceCidr)
            throws InvalidAddressException {
        Cidr services = serviceCidr.isPresent() ? AddressParser.cidr(serviceCidr.get()) : null;
        List<Pool> pools = new ArrayList<>();
        List<Manifest> nodes = new ArrayList<>();
        List<Holding> holdings = new ArrayList<>();
        List<Manifest> serviceCidrs = new ArrayList<>();
        List<Manifest> kubernetesServices = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (Nodes.isNode(manifest)) {
                nodes.add(manifest);
                continue;
            }
            if (ServiceCidrs.isServiceCidr(manifest)) {
                serviceCidrs.add(manifest);
                continue;
            }
            if (ServiceCidrs.isKubernetesService(manifest)) {
                kubernetesServices.add(manifest);
            }
            Optional<PoolSystem> system = systems.stream().filter(s -> s.isPool(manifest)).findFirst();
            if (system.isEmpty()) {
                systems.stream().filter(s -> s.isRequest(manifest)).findFirst().ifPresent(serving ->
                        serving.heldAddresses(manifest).forEach(held -> holdings.add(
                                new Holding(serving, manifest, held))));
                continue;
            }
            try {
                AddressSet addresses = system.get().neutral(manifest).addresses();
                pools.add(new Pool(pools.size(), system.get(), manifest, addresses,
                        system.get().networkAddresses(manifest)));
            } catch (ManifestException e) {
                // an unreadable pool hands nothing out; its own rules report it
            }
        }
        List<Conflict> conflicts = new ArrayList<>(poolsOverlapping(pools));
        List<Reserved> reservedAddresses = new ArrayList<>();
        for (Pool owner : pools) {
            for (int i = 0; i < owner.network().size(); i++) {
                reservedAddresses.add(new Reserved(owner.network().get(i), owner, i));
            }
        }
        reservedAddresses.sort(Comparator.comparing((Reserved r) -> r.address().address()));
        for (Pool pool : pools) {
            for (Manifest node : nodes) {
                nodeConflicts(pool, node, conflicts);
            }
            if (services != null) {
                AddressSet shared = intersection(pool.addresses(), AddressSet.of(List.of(services.span())));
                if (!shared.isEmpty()) {
                    conflicts.add(new Conflict(Conflict.Kind.SERVICE_CIDR, pool.manifest(), field(pool), null, shared,
                            pool.named() + " can hand out " + shown(shared) + ", inside the cluster's service CIDR "
                                    + services + " (--service-cidr): a load balancer given one of them collides"
                                    + " with a Service's cluster IP"));
                }
            } else if (!serviceCidrs.isEmpty()) {
                learnedServiceCidrs(pool, serviceCidrs, conflicts);
            } else {
                kubernetesServiceAddress(pool, kubernetesServices, conflicts);
            }
            for (Reserved reserved : reservedIn(pool, reservedAddresses)) {
                Pool owner = reserved.owner();
                if (owner != pool && !refusedByOwnSystem(owner, pool)) {
                    NetworkAddress address = reserved.address();
                    conflicts.add(new Conflict(Conflict.Kind.NETWORK_ADDRESS, pool.manifest(), field(pool),
                            owner.manifest(), AddressSet.of(List.of(Span.single(address.address()))),
                            pool.named() + " can hand out " + address.address() + ", the " + address.role()
                                    + " of " + owner.named(address.field()) + ": " + pool.system().title()
                                    + " may give it out and break that network"));
                }
            }
        }
        heldOutsidePools(pools, holdings, conflicts);
        heldTwice(holdings, conflicts);
        return conflicts;
    }

    /** The service CIDRs the cluster's {@code ServiceCIDR} objects name, when the operator gave none. */
    private static void learnedServiceCidrs(Pool pool, List<Manifest> serviceCidrs, List<Conflict> conflicts) {
        for (Manifest serviceCidr : serviceCidrs) {
            for (ServiceCidrs.Range range : ServiceCidrs.ranges(serviceCidr)) {
                AddressSet shared = intersection(pool.addresses(), AddressSet.of(List.of(range.cidr().span())));
                if (!shared.isEmpty()) {
                    conflicts.add(new Conflict(Conflict.Kind.SERVICE_CIDR, pool.manifest(), field(pool), serviceCidr,
                            shared, pool.named() + " can hand out " + shown(shared) + ", inside the cluster's"
                            + " service CIDR " + range.cidr() + " (" + serviceCidr.describe() + ", "
                            + serviceCidr.source() + ", " + range.field() + "): a load balancer given one of them"
                            + " collides with a Service's cluster IP"));
                }
            }
        }
    }

    /**
     * A cluster without {@code ServiceCIDR} objects shows one address of its service CIDR: the {@code kubernetes}
     * Service's cluster IP. A pool holding it overlaps the range; the rest of the range is unknown.
     */
    private static void kubernetesServiceAddress(Pool pool, List<Manifest> services, List<Conflict> conflicts) {
        for (Manifest service : services) {
            for (ServiceCidrs.Hint hint : ServiceCidrs.hints(service)) {
                if (pool.addresses().contains(hint.address())) {
                    conflicts.add(new Conflict(Conflict.Kind.SERVICE_CIDR, pool.manifest(), field(pool), service,
                            AddressSet.of(List.of(Span.single(hint.address()))), pool.named() + " can hand out "
                            + hint.address() + ", the cluster IP of the API server's Service default/kubernetes ("
                            + service.source() + ", " + hint.field() + "), so the pool reaches into the cluster's"
                            + " service CIDR; the cluster shows no ServiceCIDR object, so that address is a hint,"
                            + " not the range (give the range with --service-cidr to check all of it)"));
                }
            }
        }
    }

    /**
     * Addresses a request holds or asks for that no pool of its own system contains: its system accounts for them
     * nowhere, and a pool of another system that contains one may hand it out again.
     */
    private static void heldOutsidePools(List<Pool> pools, List<Holding> holdings, List<Conflict> conflicts) {
        Map<PoolSystem, List<Span>> served = new HashMap<>();
        Map<PoolSystem, List<Span>> spansOf = new HashMap<>();
        for (Pool pool : pools) {
            spansOf.computeIfAbsent(pool.system(), s -> new ArrayList<>()).addAll(pool.addresses().spans());
        }
        spansOf.forEach((system, spans) -> served.put(system, AddressSet.of(spans).spans()));
        for (Holding holding : holdings) {
            HeldAddress held = holding.held();
            if (held.outsidePools() == null
                    || within(served.getOrDefault(holding.system(), List.of()), held.address())) {
                continue;
            }
            Pool elsewhere = pools.stream().filter(p -> p.addresses().contains(held.address())).findFirst()
                    .orElse(null);
            String title = holding.system().title();
            String message = holding.named() + (held.asked() ? " asks for " : " holds ") + held.address()
                    + ", which no " + title + " pool contains: " + held.outsidePools()
                    + (elsewhere == null ? "" : held.asked()
                    ? "; it lies in " + elsewhere.named() + ", which hands it out to its own requests"
                    : "; " + elsewhere.named() + " can hand it out as well, so the address is given twice");
            conflicts.add(new Conflict(Conflict.Kind.HELD_OUTSIDE_POOLS, holding.holder(), held.field(),
                    elsewhere == null ? null : elsewhere.manifest(),
                    AddressSet.of(List.of(Span.single(held.address()))), message));
        }
    }

    /** One address held by requests of two systems: each system gave it out without seeing the other's holder. */
    private static void heldTwice(List<Holding> holdings, List<Conflict> conflicts) {
        Map<Address, List<Holding>> byAddress = new LinkedHashMap<>();
        for (Holding holding : holdings) {
            if (!holding.held().asked()) {
                byAddress.computeIfAbsent(holding.held().address(), a -> new ArrayList<>()).add(holding);
            }
        }
        for (Map.Entry<Address, List<Holding>> entry : byAddress.entrySet()) {
            List<Holding> holders = entry.getValue();
            Holding first = holders.get(0);
            for (Holding later : holders) {
                if (later.system() == first.system()) {
                    continue;
                }
                conflicts.add(new Conflict(Conflict.Kind.HELD_TWICE, later.holder(), later.held().field(),
                        first.holder(), AddressSet.of(List.of(Span.single(entry.getKey()))),
                        later.named() + " and " + first.named() + " both hold " + entry.getKey() + ": "
                                + later.system().title() + " and " + first.system().title() + " each gave it out"
                                + " without seeing the other's holder, so both announce the one address and"
                                + " its traffic reaches either"));
            }
        }
    }

    /** Whether one of the sorted, disjoint spans contains the address: a binary search, for many requests. */
    private static boolean within(List<Span> sorted, Address address) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Span span = sorted.get(middle);
            if (span.last().compareTo(address) < 0) {
                low = middle + 1;
            } else if (span.first().compareTo(address) > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The reserved addresses inside a pool's spans, in the order the pools and their systems name them. A binary search
     * per span over the addresses sorted once: comparing every pool with every other's is quadratic, 10,000 pools took
     * seconds.
     */
    private static List<Reserved> reservedIn(Pool pool, List<Reserved> sorted) {
        List<Reserved> inside = new ArrayList<>();
        for (Span span : pool.addresses().spans()) {
            int low = 0;
            int high = sorted.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sorted.get(middle).address().address().compareTo(span.first()) < 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            for (int i = low; i < sorted.size() && span.contains(sorted.get(i).address().address()); i++) {
                inside.add(sorted.get(i));
            }
        }
        inside.sort(Comparator.comparingInt((Reserved r) -> r.owner().order()).thenComparingInt(Reserved::index));
        return inside;
    }

    /** Two pools of one system that overlap are refused by that system's own webhook, which says so. */
    private static boolean refusedByOwnSystem(Pool a, Pool b) {
        return a.system() == b.system() && !intersection(a.addresses(), b.addresses()).isEmpty();
    }

    /** Pairs of pools of different systems whose addresses meet, by a sweep over their spans sorted by start. */
    private static List<Conflict> poolsOverlapping(List<Pool> pools) {
        List<Claim> claims = new ArrayList<>();
        for (Pool pool : pools) {
            pool.addresses().spans().forEach(span -> claims.add(new Claim(span, pool)));
        }
        claims.sort(Comparator.comparing((Claim c) -> c.span().family())
                .thenComparing(c -> c.span().first()));
        Set<Long> pairs = new HashSet<>();
        List<Pool[]> found = new ArrayList<>();
        List<Claim> open = new ArrayList<>();
        for (Claim claim : claims) {
            for (Iterator<Claim> it = open.iterator(); it.hasNext(); ) {
                Span earlier = it.next().span();
                if (earlier.family() != claim.span().family() || earlier.last().compareTo(claim.span().first()) < 0) {
                    it.remove();
                }
            }
            for (Claim earlier : open) {
                Pool a = earlier.pool();
                Pool b = claim.pool();
                if (a.system() == b.system()) {
                    continue;
                }
                Pool first = a.order() < b.order() ? a : b;
                Pool second = first == a ? b : a;
                if (pairs.add(((long) first.order() << 32) | second.order())) {
                    found.add(new Pool[] {first, second});
                }
            }
            open.add(claim);
        }
        found.sort(Comparator.<Pool[]>comparingInt(p -> p[1].order()).thenComparingInt(p -> p[0].order()));
        List<Conflict> conflicts = new ArrayList<>();
        for (Pool[] pair : found) {
            AddressSet shared = intersection(pair[0].addresses(), pair[1].addresses());
            conflicts.add(new Conflict(Conflict.Kind.POOLS_OVERLAP, pair[1].manifest(), field(pair[1]),
                    pair[0].manifest(), shared, pair[1].named() + " and " + pair[0].named() + " can both hand out "
                    + shown(shared) + ": " + pair[1].system().title() + " and " + pair[0].system().title()
                    + " each allocate without seeing the other's pool, so one address can be given twice"));
        }
        return conflicts;
    }

    private static void nodeConflicts(Pool pool, Manifest node, List<Conflict> conflicts) {
        for (Nodes.NodeAddress address : Nodes.addresses(node)) {
            if (pool.addresses().contains(address.address())) {
                conflicts.add(new Conflict(Conflict.Kind.NODE_ADDRESS, pool.manifest(), field(pool), node,
                        AddressSet.of(List.of(Span.single(address.address()))),
                        pool.named() + " can hand out " + address.address() + ", the " + address.type() + " of "
                                + "Node " + node.name() + " (" + node.source() + ", " + address.field() + "): "
                                + pool.system().title() + " may give it to a load balancer, which then takes"
                                + " the node's traffic"));
            }
        }
        for (Nodes.PodCidr pods : Nodes.podCidrs(node)) {
            AddressSet shared = intersection(pool.addresses(), AddressSet.of(List.of(pods.cidr().span())));
            if (!shared.isEmpty()) {
                conflicts.add(new Conflict(Conflict.Kind.POD_CIDR, pool.manifest(), field(pool), node, shared,
                        pool.named() + " can hand out " + shown(shared) + ", inside the pod CIDR " + pods.cidr()
                                + " of Node " + node.name() + " (" + node.source() + ", " + pods.field() + "): a"
                                + " load balancer and a pod can be given the same address"));
            }
        }
    }

    private static String field(Pool pool) {
        return pool.system().addressesField();
    }

    private static AddressSet intersection(AddressSet a, AddressSet b) {
        return a.minus(a.minus(b));
    }

    /** A few ranges and the exact count. */
    private static String shown(AddressSet addresses) {
        BigInteger size = addresses.size();
        return Conflict.listed(addresses) + " (" + size + (size.equals(BigInteger.ONE) ? " address)" : " addresses)");
    }
}
