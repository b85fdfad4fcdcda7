package io.pooldesk.views.pools.forms.harvesterlb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.IpPoolStatus;
import io.pooldesk.model.harvester.lb.LoadBalancer;
import io.pooldesk.model.harvester.lb.PoolAdmission;
import io.pooldesk.model.harvester.lb.PoolRangeSpec;
import io.pooldesk.model.harvester.lb.PoolSelection;
import io.pooldesk.model.harvester.lb.PoolSelector;
import io.pooldesk.model.harvester.lb.RangeSet;
import io.pooldesk.model.harvester.lb.ScopeTuple;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.Violation;
import io.pooldesk.views.pools.editor.PoolFormModel;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The create/edit form of a Harvester load-balancer pool: Name and Description, the Range rows, the Selector. Every
 * change re-runs the engine's own admission rules ({@link PoolAdmission}) against the other pools of the workspace;
 * each broken rule is keyed by its field path, so the view can mark the field. Save is possible only when none is.
 */
public final class IpPoolFormModel extends PoolFormModel {
    private static final Pattern INDEXED = Pattern.compile("spec\\.(ranges|selector\\.scope)\\[(\\d+)](?:\\.(\\w+))?");

    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty description = new SimpleStringProperty("");
    public final StringProperty network = new SimpleStringProperty("");
    public final StringProperty priority = new SimpleStringProperty("0");
    public final ObservableList<RangeRow> ranges = FXCollections.observableArrayList(
            r -> new Observable[] {r.subnet, r.start, r.end, r.gateway});
    public final ObservableList<ScopeRow> scope = FXCollections.observableArrayList(
            s -> new Observable[] {s.project, s.namespace, s.guestCluster});


    private final IpPool original;
    private final List<IpPool> others;
    private final List<LoadBalancer> loadBalancers;

    /**
     * @param original      the pool being edited, or null for a new one
     * @param workspacePools every pool of the workspace (the edited one included)
     */
    public IpPoolFormModel(IpPool original, List<IpPool> workspacePools, List<LoadBalancer> loadBalancers) {
        this.original = original;
        this.others = workspacePools.stream().filter(p -> original == null || !p.name().equals(original.name()))
                .toList();
        this.loadBalancers = loadBalancers;
        if (original != null) {
            load(original);
        } else {
            ranges.add(new RangeRow(false));
            ScopeRow row = new ScopeRow();
            row.project.set("*");
            row.namespace.set("default");
            row.guestCluster.set("*");
            scope.add(row);
            startClearOfOtherPools();
        }
        List.<Observable>of(name, description, network, priority, ranges, scope).forEach(o -> o.addListener(x -> {
            edited();
            validate();
        }));
        validate();
    }

    /**
     * A new pool starts with the scope operators use most (every project and guest cluster, namespace default) at
     * priority 0. Where another priority-0 pool already claims that scope, the webhook refuses it ("scope selector is
     * same as the pool ..., set a different priority or scope", validator.go checkSelectorWithOthers): the form then
     * starts at the lowest priority no other pool uses, the first remedy that message names, so that a new form is
     * not invalid before the operator has typed anything but the name and a range.
     */
    private void startClearOfOtherPools() {
        boolean clash = PoolAdmission.checkCreate(toPool(), others).stream()
                .anyMatch(v -> v.field().startsWith("spec.selector.scope"));
        if (!clash) {
            return;
        }
        java.util.Set<Long> used = new java.util.HashSet<>();
        others.forEach(p -> used.add(p.selector().priority()));
        long free = 1;
        while (used.contains(free)) {
            free++;
        }
        priority.set(String.valueOf(free));
    }

    /** Fills the form from a pool (the one edited, or a recovered copy of unsaved edits). */
    public void load(IpPool pool) {
        ranges.clear();
        scope.clear();
        name.set(pool.name());
        description.set(pool.description());
        network.set(pool.selector().network());
        priority.set(String.valueOf(pool.selector().priority()));
        for (PoolRangeSpec r : pool.ranges()) {
            // a row with rangeStart or rangeEnd is a "range" row (harvester-ui-extension#6046)
            RangeRow row = new RangeRow(!r.rangeStart().isEmpty() || !r.rangeEnd().isEmpty());
            row.subnet.set(r.subnet());
            row.start.set(r.rangeStart());
            row.end.set(r.rangeEnd());
            row.gateway.set(r.gateway());
            ranges.add(row);
        }
        for (ScopeTuple t : pool.selector().scope()) {
            ScopeRow row = new ScopeRow();
            row.project.set(t.project());
            row.namespace.set(t.namespace());
            row.guestCluster.set(t.guestCluster());
            scope.add(row);
        }
    }

    @Override
    public boolean isNew() {
        return original == null;
    }

    @Override
    public String name() {
        return name.get().trim();
    }

    @Override
    public ObjectNode toObject() {
        return HarvesterLbCodec.writePool(toPool());
    }

    @Override
    public void load(ObjectNode object) {
        try {
            load(HarvesterLbCodec.readPool(new Manifest("recovered", 1, object)));
        } catch (ManifestException e) {
            // a copy this form wrote reads; one that does not is left out rather than half loaded
        }
    }

    @Override
    public String tabOf(String field) {
        return tabFor(field);
    }

    /** The tab of the form that shows a field: "Range", "Selector", or null for the fields above the tabs. */
    static String tabFor(String field) {
        if (field.startsWith("spec.ranges")) {
            return "Range";
        }
        if (field.startsWith("spec.selector")) {
            return "Selector";
        }
        return null;
    }

    public void addCidr() {
        ranges.add(new RangeRow(false));
    }

    public void addRange() {
        ranges.add(new RangeRow(true));
    }

    public void addScope() {
        ScopeRow row = new ScopeRow();
        row.project.set("*");
        row.namespace.set("*");
        row.guestCluster.set("*");
        scope.add(row);
    }

    /** The pool the form describes, keeping every field of the original it does not show (status included). */
    public IpPool toPool() {
        List<PoolRangeSpec> specs = new ArrayList<>();
        for (RangeRow row : ranges) {
            specs.add(new PoolRangeSpec(row.subnet.get().trim(), row.start.get().trim(), row.end.get().trim(),
                    row.gateway.get().trim()));
        }
        List<ScopeTuple> tuples = new ArrayList<>();
        for (ScopeRow row : scope) {
            tuples.add(new ScopeTuple(row.project.get().trim(), row.namespace.get().trim(),
                    row.guestCluster.get().trim()));
        }
        long prio = parsePriority();
        PoolSelector selector = new PoolSelector(network.get().trim(), Math.max(0, prio), tuples);
        return new IpPool(name.get().trim(), description.get(), specs, selector,
                original == null ? IpPoolStatus.EMPTY : original.status(), original == null ? null : original.original());
    }

    private long parsePriority() {
        String text = priority.get().trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void validate() {
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).subnet.get().isBlank()) {
                found.put("spec.ranges[" + i + "].subnet", "subnet is required");
            }
        }
        IpPool pool = toPool();
        String unreadable = readAsTheClusterWould(pool);
        if (unreadable != null) {
            found.putIfAbsent("spec.selector.priority", unreadable);
        }
        List<Violation> violations = new ArrayList<>(original == null
                ? PoolAdmission.checkCreate(pool, others) : PoolAdmission.checkUpdate(pool, others));
        violations.addAll(PoolAdmission.checkLimits(pool));
        for (Violation v : violations) {
            found.putIfAbsent(fieldFor(v.field()), v.message());
        }
        show(found, preview(pool, found.isEmpty()));
    }

    /**
     * The priority as typed, read by the codec that reads every pool (its bounds are the reference's): the
     * message when it refuses the text, else null.
     */
    private String readAsTheClusterWould(IpPool pool) {
        ObjectNode object = HarvesterLbCodec.writePool(pool);
        ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : object.putObject("spec");
        ObjectNode selector = spec.get("selector") instanceof ObjectNode s ? s : spec.putObject("selector");
        String text = priority.get().trim();
        if (text.isEmpty()) {
            selector.remove("priority");
        } else if (text.matches("-?\\d{1,40}")) {
            selector.put("priority", new java.math.BigInteger(text));
        } else {
            return "priority must be a whole number, not \"" + text + "\"";
        }
        try {
            HarvesterLbCodec.readPool(new Manifest("form", 1, object));
            return null;
        } catch (ManifestException e) {
            return "spec.selector.priority".equals(e.field()) ? "priority " + e.getMessage() : null;
        }
    }

    /** Overlap findings name the range; the form marks its subnet field. */
    private static String fieldFor(String path) {
        Matcher m = INDEXED.matcher(path);
        if (m.matches() && m.group(3) == null) {
            return path + (m.group(1).equals("ranges") ? ".subnet" : ".namespace");
        }
        return path;
    }

    private String preview(IpPool pool, boolean isValid) {
        RangeSet set = PoolAdmission.resolveQuietly(pool);
        if (set == null) {
            return "Fix the ranges to see the pool's size.";
        }
        StringBuilder text = new StringBuilder(set.total() + " usable addresses (" + set + ")");
        if (isValid && !pool.name().isEmpty()) {
            List<IpPool> withThis = new ArrayList<>(others);
            withThis.add(pool);
            List<String> winners = new ArrayList<>();
            for (LoadBalancer lb : loadBalancers) {
                PoolSelection.Choice after = PoolSelection.select(withThis, lb);
                if (after.pool() != null && after.pool().name().equals(pool.name())) {
                    winners.add(lb.applicantId());
                }
            }
            text.append(winners.isEmpty() ? "; no existing load balancer would choose it"
                    : "; " + winners.size() + " load balancer(s) would choose it: " + String.join(", ",
                    winners.stream().limit(8).toList()) + (winners.size() > 8 ? ", ..." : ""));
        }
        return text.toString();
    }
}
