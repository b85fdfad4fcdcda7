package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.simulation.PoolKind;
import io.pooldesk.model.simulation.PoolReport;
import io.pooldesk.model.simulation.SimulationLog;
import io.pooldesk.model.validation.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Harvester managed DHCP in a simulation: IPPools and the VirtualMachineNetworkConfigs they serve. */
public final class DhcpSimulation implements PoolKind {
    private final DhcpEngine engine = new DhcpEngine();
    private final Map<String, List<NicRequest>> configs = new HashMap<>();
    private final String serviceCidr;

    public DhcpSimulation() {
        this(HarvesterDhcp.DEFAULT_SERVICE_CIDR);
    }

    public DhcpSimulation(String serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return HarvesterDhcp.isPool(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return HarvesterDhcp.isNetworkConfig(manifest);
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        add(manifest, log, false);
    }

    @Override
    public void apply(Manifest manifest, SimulationLog log) {
        add(manifest, log, true);
    }

    private void add(Manifest manifest, SimulationLog log, boolean admission) {
        DhcpPool pool;
        try {
            pool = DhcpCodec.readPool(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        DhcpEngine.PoolState existing = engine.pool(pool.id());
        List<Violation> violations = existing == null
                ? DhcpAdmission.checkCreate(pool, serviceCidr)
                : DhcpAdmission.checkUpdate(existing.layout(), pool, serviceCidr, existing.allocated());
        boolean taken = log.admit(manifest, violations, admission);
        List<Violation> layoutProblems = new ArrayList<>();
        DhcpLayout layout = DhcpLayout.resolve(pool, layoutProblems);
        if (layout == null) {
            if (!admission) {
                layoutProblems.forEach(v -> log.reject(v.in(manifest)));
            }
            return;
        }
        if (!taken) {
            return;
        }
        List<String> problems = new ArrayList<>();
        engine.add(layout, problems);
        problems.forEach(p -> log.warn(manifest.problem(null, p).toString()));
    }

    @Override
    public void request(Manifest manifest, SimulationLog log) {
        List<NicRequest> nics;
        try {
            nics = DhcpCodec.readNics(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        String id = (manifest.namespace().isEmpty() ? "default" : manifest.namespace()) + "/" + manifest.name();
        configs.put(id, nics);
        String request = HarvesterDhcp.CONFIG_KIND + "/" + id;
        for (NicRequest nic : nics) {
            DhcpEngine.Outcome outcome = engine.allocate(nic, log::warn);
            log.allocated(outcome.isServed()
                    ? new AllocationEntry(request, outcome.pool(), outcome.address().toString(), null)
                    : new AllocationEntry(request, null, null, outcome.error()));
        }
    }

    @Override
    public boolean delete(String kind, String namespace, String name, String step, SimulationLog log) {
        String id = (namespace.isEmpty() ? "default" : namespace) + "/" + name;
        if (HarvesterDhcp.CONFIG_KIND.equals(kind)) {
            for (NicRequest nic : configs.getOrDefault(id, List.of())) {
                DhcpEngine.Outcome released = engine.release(nic);
                if (released != null) {
                    log.released(new AllocationEntry(HarvesterDhcp.CONFIG_KIND + "/" + id, released.pool(),
                            released.address().toString(), null));
                }
            }
            configs.remove(id);
            return true;
        }
        if (HarvesterDhcp.POOL_KIND.equals(kind) && engine.pool(id) != null) {
            for (Violation v : engine.delete(id, false)) {
                log.reject(new io.pooldesk.model.manifest.ManifestProblem(step, 0, HarvesterDhcp.POOL_KIND + "/" + id,
                        v.field(), v.message()));
            }
            return true;
        }
        return false;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (DhcpEngine.PoolState state : engine.pools()) {
            DhcpPool pool = state.layout().pool();
            BigInteger total = state.layout().usable().size();
            BigInteger used = BigInteger.valueOf(state.used());
            reports.add(new PoolReport(HarvesterDhcp.POOL_KIND, HarvesterDhcp.GROUP, pool.namespace(), pool.name(),
                    total, used, total.subtract(used), state.allocated(), Map.of()));
        }
        return reports;
    }
}
