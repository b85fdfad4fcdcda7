package io.pooldesk.model.openelb;

import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.SimulationLog;
import io.pooldesk.model.system.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** OpenELB in a simulation: Eips and the opted-in LoadBalancer Services they serve. */
public final class OpenElbController implements Controller {
    private final OpenElbEngine engine;
    private final ClusterContext context;

    public OpenElbController() {
        this(ClusterContext.defaults());
    }

    public OpenElbController(ClusterContext context) {
        this.context = context;
        this.engine = new OpenElbEngine(context);
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
        Eip eip;
        Span span;
        try {
            eip = EipCodec.read(manifest);
            span = EipRange.of(eip);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return false;
        }
        OpenElbEngine.EipState existing = engine.eip(eip.name());
        List<Eip> others = engine.definitions();
        List<Violation> violations = existing != null
                ? EipAdmission.checkUpdate(existing.eip(), eip, others)
                : EipAdmission.checkCreate(eip, others);
        if (!log.admit(manifest, violations, admission)) {
            return false;
        }
        long referenceSize = EipRange.referenceSize(eip, span);
        if (!BigInteger.valueOf(referenceSize).equals(span.size())) {
            log.warn(manifest.problem("spec.address", "holds " + span.size() + " addresses; OpenELB's poolSize would"
                    + " read " + referenceSize).toString());
        }
        if (!eip.namespaceSelector().isEmpty() && !context.namespacesKnown()) {
            log.warn(manifest.problem("spec.namespaceSelector", "the input holds no Namespace objects, so this"
                    + " selector matches no namespace here; add the cluster's Namespace objects (with their labels)").toString());
        }
        List<String> problems = new ArrayList<>();
        engine.add(existing != null ? withUsed(eip, existing) : eip, span, problems);
        problems.forEach(p -> log.warn(manifest.problem(null, p).toString()));
        return true;
    }

    private static Eip withUsed(Eip eip, OpenElbEngine.EipState existing) {
        return new Eip(eip.name(), eip.address(), eip.protocol(), eip.iface(), eip.disable(), eip.priority(),
                eip.namespaces(), eip.namespaceSelector(), eip.isDefault(), existing.usedMap(), eip.original());
    }

    @Override
    public List<Outcome> reconcile(Manifest manifest, SimulationLog log) {
        ObjectRef ref = ObjectRef.namespaced(Service.KIND, manifest.namespace(), manifest.name());
        Service svc;
        try {
            svc = ServiceCodec.read(manifest);
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ref, List.of(new Violation(e.field(), e.getMessage()))));
        }
        String optIn = svc.annotation(OpenElb.OPT_IN);
        if (!OpenElb.optedIn(optIn)) {
            // the opt-in key with another value: OpenELB ignores the Service, and no other system claims it
            log.warn(manifest, "annotation " + OpenElb.OPT_IN + " is \"" + optIn + "\", not \"openelb\": OpenELB"
                    + " leaves this Service alone");
            return List.of();
        }
        OpenElbEngine.Outcome outcome = engine.request(svc, log::warn);
        if (outcome.isServed()) {
            return List.of(new Outcome.Served(ref, poolRef(outcome.eip()), List.of(outcome.address())));
        }
        return List.of(new Outcome.Pending(ref, outcome.eip() == null ? null : poolRef(outcome.eip()),
                outcome.waitReason(), outcome.error()));
    }

    /**
     * OpenELB's needRelease (ipam.go ConstructRequest): a Service that names another Eip or asks for another address
     * gives back what it holds and is assigned again.
     */
    @Override
    public boolean releasesOnChange(Manifest before, Manifest after) {
        return !asks(before).equals(asks(after));
    }

    private static List<String> asks(Manifest manifest) {
        var annotations = manifest.object().path("metadata").path("annotations");
        List<String> out = new ArrayList<>();
        for (String key : OpenElb.EIP_NAME) {
            out.add(annotations.path(key).asText(""));
        }
        for (String key : OpenElb.REQUESTED_IP) {
            out.add(annotations.path(key).asText(""));
        }
        out.add(manifest.object().path("spec").path("loadBalancerIP").asText(""));
        return out;
    }

    @Override
    public List<Release> release(ObjectRef request, SimulationLog log) {
        if (!Service.KIND.equals(request.kind())) {
            return List.of();
        }
        OpenElbEngine.Outcome released = engine.release(request.holder());
        return released == null ? List.of()
                : List.of(new Release(request, poolRef(released.eip()), List.of(released.address())));
    }

    /**
     * OpenELB's webhook admits every Eip delete (ValidateDelete is a TODO, api/v1alpha2/eip_types.go 277-280), and the
     * finalizer does not wait for the Eip's Services: it takes their Eip label off and lets the Eip go. Each Service
     * then releases its address and is assigned again: from another Eip (by requested address, namespace, default), or
     * it waits, as one that names the deleted Eip does.
     */
    @Override
    public Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
        if (!OpenElb.KIND.equals(pool.kind())) {
            return Optional.empty();
        }
        Map<String, OpenElbEngine.Outcome> released = engine.remove(pool.name());
        if (released == null) {
            return Optional.empty();
        }
        if (!released.isEmpty()) {
            log.warn(step + ": " + OpenElb.KIND + "/" + pool.name() + " is deleted while " + String.join(", ",
                    released.keySet()) + " use it: OpenELB's webhook does not check (ValidateDelete, eip_types.go"
                    + " 277-280) and its finalizer only takes the Eip label off them (ipam/controller.go 79-86,"
                    + " 166-183); they release the address and are assigned again");
        }
        List<Release> releases = new ArrayList<>();
        released.forEach((service, held) -> {
            String[] id = service.split("/", 2);
            releases.add(new Release(ObjectRef.namespaced(Service.KIND, id[0], id[1]), poolRef(held.eip()),
                    List.of(held.address())));
        });
        return Optional.of(PoolDeletion.released(releases));
    }

    private static ObjectRef poolRef(String name) {
        return ObjectRef.clusterScoped(OpenElb.KIND, name);
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (OpenElbEngine.EipState state : engine.eips()) {
            BigInteger total = state.span().size();
            BigInteger used = BigInteger.valueOf(state.usage());
            reports.add(new PoolReport(OpenElb.KIND, OpenElb.GROUP, null, state.eip().name(), total, used,
                    total.subtract(used), state.holders(), PoolReport.NO_HISTORY));
        }
        return reports;
    }
}
