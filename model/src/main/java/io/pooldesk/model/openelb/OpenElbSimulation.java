package io.pooldesk.model.openelb;

import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.simulation.PoolKind;
import io.pooldesk.model.simulation.PoolReport;
import io.pooldesk.model.simulation.SimulationLog;
import io.pooldesk.model.validation.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenELB in a simulation: Eips and the opted-in LoadBalancer Services they serve. */
public final class OpenElbSimulation implements PoolKind {
    private final OpenElbEngine engine = new OpenElbEngine();

    @Override
    public boolean isPool(Manifest manifest) {
        return OpenElb.isEip(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return ServiceCodec.isLoadBalancerService(manifest) && OpenElb.optedIn(
                manifest.object().path("metadata").path("annotations").path(OpenElb.OPT_IN).asText());
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
        Eip eip;
        Span span;
        try {
            eip = EipCodec.read(manifest);
            span = EipRange.of(eip);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        OpenElbEngine.EipState existing = engine.eip(eip.name());
        List<Eip> others = engine.definitions();
        List<Violation> violations = existing != null
                ? EipAdmission.checkUpdate(existing.eip(), eip, others)
                : EipAdmission.checkCreate(eip, others);
        if (!log.admit(manifest, violations, admission)) {
            return;
        }
        long referenceSize = EipRange.referenceSize(eip, span);
        if (!BigInteger.valueOf(referenceSize).equals(span.size())) {
            log.warn(manifest.problem("spec.address", "holds " + span.size() + " addresses; OpenELB's poolSize would"
                    + " read " + referenceSize).toString());
        }
        if (!eip.namespaceSelector().isEmpty()) {
            log.warn(manifest.problem("spec.namespaceSelector", "namespace labels are not part of the input: Pooldesk"
                    + " treats this selector as matching no namespace").toString());
        }
        List<String> problems = new ArrayList<>();
        engine.add(existing != null ? withUsed(eip, existing) : eip, span, problems);
        problems.forEach(p -> log.warn(manifest.problem(null, p).toString()));
    }

    private static Eip withUsed(Eip eip, OpenElbEngine.EipState existing) {
        return new Eip(eip.name(), eip.address(), eip.protocol(), eip.iface(), eip.disable(), eip.priority(),
                eip.namespaces(), eip.namespaceSelector(), eip.isDefault(), existing.usedMap(), eip.original());
    }

    @Override
    public void request(Manifest manifest, SimulationLog log) {
        Service svc;
        try {
            svc = ServiceCodec.read(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        OpenElbEngine.Outcome outcome = engine.request(svc);
        String request = Service.KIND + "/" + svc.id();
        log.allocated(outcome.isServed()
                ? new AllocationEntry(request, outcome.eip(), outcome.address().toString(), null)
                : new AllocationEntry(request, null, null, outcome.error()));
    }

    @Override
    public boolean delete(String kind, String namespace, String name, String step, SimulationLog log) {
        if (!Service.KIND.equals(kind)) {
            return false;
        }
        String id = (namespace.isEmpty() ? "default" : namespace) + "/" + name;
        OpenElbEngine.Outcome released = engine.release(id);
        if (released == null) {
            return false;
        }
        log.released(new AllocationEntry(Service.KIND + "/" + id, released.eip(), released.address().toString(), null));
        return true;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (OpenElbEngine.EipState state : engine.eips()) {
            BigInteger total = state.span().size();
            BigInteger used = BigInteger.valueOf(state.usage());
            reports.add(new PoolReport(OpenElb.KIND, OpenElb.GROUP, null, state.eip().name(), total, used,
                    total.subtract(used), state.usedMap(), Map.of()));
        }
        return reports;
    }
}
