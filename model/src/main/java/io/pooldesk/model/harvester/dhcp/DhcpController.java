package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PendingReason;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.SimulationLog;
import io.pooldesk.model.system.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Harvester managed DHCP's controllers in a simulation: IPPools and the VirtualMachineNetworkConfigs they serve. */
public final class DhcpController implements Controller {
    private final DhcpEngine engine = new DhcpEngine();
    private final Map<String, List<NicRequest>> configs = new HashMap<>();
    private final String serviceCidr;
    /** Configs being paused: what they release is remembered, as their status remembers it. */
    private final java.util.Set<String> pausing = new java.util.HashSet<>();
    /** What a paused config held, by MAC, which it asks for again when resumed. */
    private final Map<String, Map<String, Address>> remembered = new HashMap<>();

    public DhcpController() {
        this(HarvesterDhcp.DEFAULT_SERVICE_CIDR);
    }

    public DhcpController(String serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        add(manifest, log, false);
    }

    @Override
    public PoolChange apply(Manifest manifest, SimulationLog log) {
        return add(manifest, log, true) ? PoolChange.NOTHING_RELEASED : null;
    }

    private boolean add(Manifest manifest, SimulationLog log, boolean admission) {
        DhcpPool pool;
        try {
            pool = DhcpCodec.readPool(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return false;
        }
        DhcpEngine.PoolState existing = engine.pool(pool.id());
        List<Violation> violations;
        if (existing == null) {
            DhcpWebhook.Admission created = DhcpWebhook.create(pool, serviceCidr);
            violations = created.refusal();
            if (admission && created.admitted()) {
                // the object the cluster stores: what the mutator filled or replaced
                pool = created.stored();
            }
        } else {
            violations = DhcpAdmission.checkUpdate(existing.layout(), pool, serviceCidr, existing.allocated());
            pool = DhcpAdmission.kept(existing.layout(), pool);
        }
        boolean taken = log.admit(manifest, violations, admission);
        List<Violation> layoutProblems = new ArrayList<>();
        DhcpLayout layout = DhcpLayout.resolve(pool, layoutProblems);
        if (layout == null) {
            if (!admission) {
                layoutProblems.forEach(v -> log.reject(v.in(manifest)));
            }
            return false;
        }
        if (!taken) {
            return false;
        }
        List<String> problems = new ArrayList<>();
        engine.add(layout, problems);
        problems.forEach(p -> log.warn(manifest.problem(null, p).toString()));
        return true;
    }

    @Override
    public List<Outcome> reconcile(Manifest manifest, SimulationLog log) {
        ObjectRef ref = ref(manifest);
        List<NicRequest> nics;
        try {
            nics = DhcpCodec.readNics(manifest);
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ref, List.of(new Violation(e.field(), e.getMessage()))));
        }
        configs.put(ref.holder(), nics);
        List<Outcome> outcomes = new ArrayList<>();
        if (isPaused(manifest)) {
            // vmnetcfg/controller.go 91, 117-118: a paused config gets nothing; pausing released what it held
            for (NicRequest nic : nics) {
                outcomes.add(new Outcome.Pending(ref, poolRef(nic), PendingReason.PAUSED, "vmnetcfg "
                        + ref.namespace() + "/" + ref.name() + " was administratively disabled"));
            }
            return outcomes;
        }
        Map<String, Address> before = remembered.getOrDefault(ref.holder(), Map.of());
        for (NicRequest asked : nics) {
            // vmnetcfg/controller.go 143-169: the address in the config's own status wins over the designated one,
            // so a resumed config asks for what it held before the pause
            Address sticky = before.get(asked.macAddress());
            NicRequest nic = sticky == null ? asked
                    : new NicRequest(asked.macAddress(), asked.networkName(), sticky.toString());
            DhcpEngine.Outcome outcome = engine.allocate(nic, log::warn);
            if (outcome.isServed() && sticky != null) {
                remembered.get(ref.holder()).remove(asked.macAddress());
            }
            outcomes.add(outcome.isServed()
                    ? new Outcome.Served(ref, poolRef(nic), List.of(outcome.address()))
                    : new Outcome.Pending(ref, outcome.pool() == null ? null : poolRef(nic), outcome.waitReason(),
                    outcome.error()));
        }
        return outcomes;
    }

    /** A config whose NICs changed (MAC, network or designated address) gives back what it held and asks again. */
    @Override
    public boolean releasesOnChange(Manifest before, Manifest after) {
        if (isPaused(after) && !isPaused(before)) {
            // vmnetcfg/controller.go 91-102, 286-340: pausing releases the addresses; the status keeps them
            pausing.add(ref(after).holder());
            return true;
        }
        try {
            return !DhcpCodec.readNics(before).equals(DhcpCodec.readNics(after));
        } catch (ManifestException e) {
            return true;
        }
    }

    @Override
    public List<Release> release(ObjectRef request, SimulationLog log) {
        if (!HarvesterDhcp.CONFIG_KIND.equals(request.kind())) {
            return List.of();
        }
        List<Release> out = new ArrayList<>();
        for (NicRequest nic : configs.getOrDefault(request.holder(), List.of())) {
            DhcpEngine.Outcome released = engine.release(nic);
            if (released != null && pausing.contains(request.holder())) {
                remembered.computeIfAbsent(request.holder(), h -> new HashMap<>()).put(nic.macAddress(),
                        released.address());
            }
            if (released != null) {
                out.add(new Release(request, poolRef(nic), List.of(released.address())));
            }
        }
        configs.remove(request.holder());
        if (!pausing.remove(request.holder())) {
            remembered.remove(request.holder());
        }
        return out;
    }

    @Override
    public Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
        String id = (pool.namespace().isEmpty() ? "default" : pool.namespace()) + "/" + pool.name();
        if (!HarvesterDhcp.POOL_KIND.equals(pool.kind()) || engine.pool(id) == null) {
            return Optional.empty();
        }
        List<Violation> refused = engine.delete(id, false);
        for (Violation v : refused) {
            log.reject(new ManifestProblem(step, 0, HarvesterDhcp.POOL_KIND + "/" + id, v.field(), v.message()));
        }
        // a pool still used by a VM network config is refused, so a deletion releases nothing
        return Optional.of(refused.isEmpty() ? PoolDeletion.NOTHING_RELEASED : PoolDeletion.REFUSED);
    }

    private static boolean isPaused(Manifest config) {
        return config.object().path("spec").path("paused").asBoolean(false);
    }

    private static ObjectRef ref(Manifest manifest) {
        return ObjectRef.namespaced(HarvesterDhcp.CONFIG_KIND, manifest.namespace(), manifest.name());
    }

    /** The pool serving a NIC's network; its name is the network's pool as the engine keeps it. */
    private ObjectRef poolRef(NicRequest nic) {
        DhcpEngine.PoolState state = engine.poolForNetwork(nic.networkName());
        if (state == null) {
            return null;
        }
        DhcpPool pool = state.layout().pool();
        return new ObjectRef(HarvesterDhcp.POOL_KIND, pool.namespace(), pool.name());
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (DhcpEngine.PoolState state : engine.pools()) {
            DhcpPool pool = state.layout().pool();
            BigInteger total = state.layout().usable().size();
            BigInteger used = BigInteger.valueOf(state.used());
            reports.add(new PoolReport(HarvesterDhcp.POOL_KIND, HarvesterDhcp.GROUP, pool.namespace(), pool.name(),
                    total, used, total.subtract(used), state.holders(), PoolReport.NO_HISTORY));
        }
        return reports;
    }
}
