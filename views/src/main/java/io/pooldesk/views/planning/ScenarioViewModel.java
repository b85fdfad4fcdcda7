package io.pooldesk.views.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.planning.LoadBalancerRequirements;
import io.pooldesk.model.planning.PlanStep;
import io.pooldesk.model.planning.ScenarioComparison;
import io.pooldesk.model.planning.ScenarioDocument;
import io.pooldesk.views.common.BackgroundWork;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scenario panel's state: the steps being composed, the fields of the step being written, and the last run's
 * comparison. Runs go through {@link BackgroundWork}; a run never touches the workspace itself.
 */
public final class ScenarioViewModel {
    private final BackgroundWork background;
    private final Supplier<List<Manifest>> workspace;
    private final Supplier<Path> workspaceFolder;

    public final StringProperty name = new SimpleStringProperty(this, "name", "what-if");
    public final ObservableList<PlanStep> steps = FXCollections.observableArrayList();

    public final StringProperty count = new SimpleStringProperty(this, "count", "40");
    public final StringProperty namePrefix = new SimpleStringProperty(this, "namePrefix", "new-lb-");
    public final StringProperty namespace = new SimpleStringProperty(this, "namespace", "prod");
    public final StringProperty network = new SimpleStringProperty(this, "network", "");
    public final StringProperty project = new SimpleStringProperty(this, "project", "");
    public final StringProperty cluster = new SimpleStringProperty(this, "cluster", "");
    public final StringProperty pool = new SimpleStringProperty(this, "pool", "");
    /** The other steps' fields: a load balancer to delete, a pool and its new priority, pools written as YAML. */
    public final StringProperty deleteTarget = new SimpleStringProperty(this, "deleteTarget");
    public final StringProperty priorityPool = new SimpleStringProperty(this, "priorityPool");
    public final StringProperty priority = new SimpleStringProperty(this, "priority", "20");
    public final StringProperty poolYaml = new SimpleStringProperty(this, "poolYaml", "");
    /** Whether the new-load-balancer fields changed since their step was last added. */
    private boolean loadBalancerFieldsEdited;

    public final StringProperty message = new SimpleStringProperty(this, "message", "");
    public final ObjectProperty<ScenarioComparison> result = new SimpleObjectProperty<>(this, "result");
    public final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    public final ObjectProperty<Path> savedAs = new SimpleObjectProperty<>(this, "savedAs");

    public ScenarioViewModel(BackgroundWork background, Supplier<List<Manifest>> workspace,
                             Supplier<Path> workspaceFolder) {
        this.background = background;
        this.workspace = workspace;
        this.workspaceFolder = workspaceFolder;
        List.of(count, namePrefix, namespace, network, project, cluster, pool)
                .forEach(field -> field.addListener(o -> loadBalancerFieldsEdited = true));
    }

    /** Adds the load-balancer step the fields describe; a wrong count is said in {@link #message}. */
    public boolean addLoadBalancers() {
        PlanStep step = loadBalancerStep();
        if (step == null) {
            return false;
        }
        steps.add(step);
        loadBalancerFieldsEdited = false;
        message.set("");
        return true;
    }

    /** The step the load-balancer fields describe, or null with the reason in {@link #message}. */
    private PlanStep loadBalancerStep() {
        int n;
        try {
            n = Integer.parseInt(count.get().trim());
        } catch (NumberFormatException e) {
            message.set("Count: \"" + count.get() + "\" is not a whole number");
            return null;
        }
        if (n < 1 || n > 100_000) {
            message.set("Count: give 1 to 100,000 load balancers, not " + n);
            return null;
        }
        if (namePrefix.get().isBlank()) {
            message.set("Name prefix: the new load balancers need names");
            return null;
        }
        return new PlanStep.AddLoadBalancers(n, namePrefix.get().trim(), new LoadBalancerRequirements(
                namespace.get(), network.get(), project.get(), cluster.get(), pool.get()));
    }

    /** Adds the delete step for {@link #deleteTarget}, and clears it. */
    public boolean addDeleteStep() {
        String target = deleteTarget.get();
        if (target == null || target.indexOf('/') < 0) {
            message.set("Delete: choose a load balancer as namespace/name");
            return false;
        }
        deleteLoadBalancer(target);
        deleteTarget.set(null);
        message.set("");
        return true;
    }

    /** Adds the priority step for {@link #priorityPool} and {@link #priority}, and clears the pool. */
    public boolean addPriorityStep() {
        if (priorityPool.get() == null || priorityPool.get().isBlank()) {
            message.set("Priority: choose a pool");
            return false;
        }
        if (!setPriority(priorityPool.get(), priority.get() == null ? "" : priority.get())) {
            return false;
        }
        priorityPool.set(null);
        return true;
    }

    /** Adds the pools written in {@link #poolYaml}, and clears it. */
    public boolean addPoolYamlStep() {
        if (!applyPoolsYaml(poolYaml.get() == null ? "" : poolYaml.get())) {
            return false;
        }
        poolYaml.set("");
        return true;
    }

    /**
     * The steps filled in on the panel but not added: the load-balancer fields once changed since their last Add
     * (or, with no step at all, as they stand), a chosen delete or priority, pools written as YAML.
     */
    public List<String> filledButNotAdded() {
        List<String> out = new java.util.ArrayList<>();
        boolean others = deleteTarget.get() != null && !deleteTarget.get().isBlank()
                || priorityPool.get() != null && !priorityPool.get().isBlank()
                || poolYaml.get() != null && !poolYaml.get().isBlank();
        if (loadBalancerFieldsEdited || steps.isEmpty() && !others) {
            String before = message.get();
            PlanStep step = loadBalancerStep();
            message.set(before);
            out.add(step != null ? step.describe() : "the new load balancers' fields");
        }
        if (deleteTarget.get() != null && !deleteTarget.get().isBlank()) {
            out.add("Delete " + deleteTarget.get());
        }
        if (priorityPool.get() != null && !priorityPool.get().isBlank()) {
            out.add("Set the priority of " + priorityPool.get() + " to " + priority.get());
        }
        if (poolYaml.get() != null && !poolYaml.get().isBlank()) {
            out.add("the pools written as YAML");
        }
        return out;
    }

    /** Adds every step {@link #filledButNotAdded()} names, in the panel's order; false (and why) at the first refused. */
    private boolean addFilledIn() {
        boolean others = deleteTarget.get() != null && !deleteTarget.get().isBlank()
                || priorityPool.get() != null && !priorityPool.get().isBlank()
                || poolYaml.get() != null && !poolYaml.get().isBlank();
        if ((loadBalancerFieldsEdited || steps.isEmpty() && !others) && !addLoadBalancers()) {
            return false;
        }
        if (deleteTarget.get() != null && !deleteTarget.get().isBlank() && !addDeleteStep()) {
            return false;
        }
        if (priorityPool.get() != null && !priorityPool.get().isBlank() && !addPriorityStep()) {
            return false;
        }
        return poolYaml.get() == null || poolYaml.get().isBlank() || addPoolYamlStep();
    }

    /**
     * Run, as the panel's button does: a step filled in but not added is not silently left out; the operator is
     * asked whether to add it first.
     */
    public void run(io.pooldesk.views.common.DialogService dialogs) {
        List<String> unadded = filledButNotAdded();
        if (!unadded.isEmpty() && dialogs.choose("Add the step you filled in?", "Filled in but not added to the"
                        + " steps:\n  • " + String.join("\n  • ", unadded) + "\n\nAdd " + (unadded.size() == 1 ? "it"
                        : "them") + " before running?", "Add and run", "Run without")
                && !addFilledIn()) {
            return;
        }
        run();
    }

    public void deleteLoadBalancer(String namespaceAndName) {
        int slash = namespaceAndName.indexOf('/');
        steps.add(new PlanStep.DeleteLoadBalancer(namespaceAndName.substring(0, slash),
                namespaceAndName.substring(slash + 1)));
    }

    /** Adds a step setting a pool's priority: the pool's object as the workspace holds it, changed by its system. */
    public boolean setPriority(String poolName, String priorityText) {
        int priority;
        try {
            priority = Integer.parseInt(priorityText.trim());
        } catch (NumberFormatException e) {
            message.set("Priority: \"" + priorityText + "\" is not a whole number");
            return false;
        }
        io.pooldesk.model.system.RequestComposer composer = io.pooldesk.model.registry.PoolSystems.composer();
        Manifest manifest = workspace.get().stream()
                .filter(m -> composer.servesFrom(m) && m.name().equals(poolName))
                .findFirst().orElse(null);
        if (manifest == null) {
            message.set("Pool: no " + composer.poolNoun() + " named " + poolName);
            return false;
        }
        ObjectNode changed = composer.withPriority(manifest, priority);
        steps.add(new PlanStep.ApplyPool("Set the priority of " + poolName + " to " + priority, changed));
        message.set("");
        return true;
    }

    /**
     * Adds a step creating or changing pools written as YAML (one or more documents); what is not a pool, or does
     * not parse, is said in {@link #message} naming the document.
     */
    public boolean applyPoolsYaml(String yaml) {
        io.pooldesk.model.manifest.ManifestReader.Result read =
                io.pooldesk.model.manifest.ManifestReader.parse("pool YAML", yaml);
        if (!read.errors().isEmpty()) {
            message.set(read.errors().get(0).toString());
            return false;
        }
        if (read.manifests().isEmpty()) {
            message.set("Pool YAML: nothing to apply");
            return false;
        }
        List<PlanStep> added = new java.util.ArrayList<>();
        for (Manifest m : read.manifests()) {
            if (io.pooldesk.model.registry.PoolSystems.ofPool(m).isEmpty()) {
                message.set("Pool YAML: document " + m.document() + " (" + m.describe() + ") is not a pool of a kind"
                        + " Pooldesk knows");
                return false;
            }
            if (m.name().isBlank()) {
                message.set("Pool YAML: document " + m.document() + ": metadata.name is required");
                return false;
            }
            boolean exists = workspace.get().stream().anyMatch(m::sameObject);
            added.add(new PlanStep.ApplyPool((exists ? "Change " : "Add ") + m.kind() + " " + m.name(), m.object()));
        }
        steps.addAll(added);
        message.set("");
        return true;
    }


    public void remove(PlanStep step) {
        steps.remove(step);
    }

    public ScenarioDocument document() {
        return new ScenarioDocument(name.get().isBlank() ? "what-if" : name.get().trim(), steps);
    }

    /** Runs the steps on a copy of the workspace; the result lands in {@link #result}. */
    public void run() {
        if (steps.isEmpty()) {
            message.set("Add a step first: new load balancers, a delete, or a pool change.");
            return;
        }
        ScenarioDocument doc = document();
        List<Manifest> manifests = List.copyOf(workspace.get());
        String source = savedAs.get() != null ? savedAs.get().toString() : doc.name() + ".yaml";
        running.set(true);
        message.set("Running " + doc.name() + "…");
        background.run("Run scenario " + doc.name(), () -> ScenarioComparison.of(manifests, doc, source), done -> {
            running.set(false);
            result.set(done);
            message.set(done.refusals().isEmpty() ? summary(done)
                    : "Refused, as the cluster would: " + String.join("; ", done.refusals()));
        }, failed -> {
            running.set(false);
            message.set("The scenario could not run: " + failed.getMessage());
        });
    }

    static String summary(ScenarioComparison c) {
        long full = c.changedPools().stream().filter(ScenarioComparison.PoolChange::full).count();
        int refused = c.refusals().size();
        return c.served() + " served, " + c.pending() + " pending" + (full == 0 ? ""
                : " · " + full + (full == 1 ? " pool runs" : " pools run") + " out")
                + (refused == 0 ? "" : " · " + refused + (refused == 1 ? " step" : " steps") + " refused");
    }

    /** Saves the scenario in the workspace's scenarios folder; the command line replays it from there. */
    public Path save() throws IOException {
        Path folder = workspaceFolder.get();
        if (folder == null) {
            throw new IOException("open a workspace first");
        }
        ScenarioDocument doc = document();
        Path file = target();
        java.nio.file.Files.createDirectories(file.getParent());
        doc.save(file);
        savedAs.set(file);
        message.set("Saved " + file.getFileName() + ". Replay: " + replayCommand());
        return file;
    }

    /**
     * Saves, saying in {@link #message} what went wrong when it could not. A file of that name that this scenario
     * was not loaded from or saved as is another scenario: the operator is asked before it is replaced.
     */
    public void saveOrSay(io.pooldesk.views.common.DialogService dialogs) {
        Path target = target();
        if (target != null && java.nio.file.Files.exists(target) && !target.equals(savedAs.get())
                && !dialogs.confirm("Replace " + target.getFileName() + "?", "A scenario named " + document().name()
                + " is already saved in " + target.getParent() + ". Replace it with this one?")) {
            message.set("Not saved: " + target.getFileName() + " is kept. Give this scenario another name.");
            return;
        }
        try {
            save();
        } catch (IOException e) {
            message.set("The scenario could not be saved: " + e.getMessage());
        }
    }

    /** The file {@link #save()} writes, or null before a workspace is open. */
    private Path target() {
        Path folder = workspaceFolder.get();
        return folder == null ? null : ScenarioDocument.folderOf(folder).resolve(
                document().name().replaceAll("[^A-Za-z0-9._-]", "-") + ".yaml");
    }

    /** Asks for a Scenario document (from the workspace's scenarios folder first) and loads it. */
    public void chooseAndLoad(io.pooldesk.views.common.DialogService dialogs) {
        Path folder = workspaceFolder.get();
        dialogs.chooseFileToOpen("Load a Scenario document", folder == null ? null : ScenarioDocument.folderOf(folder),
                "YAML", "*.yaml", "*.yml").ifPresent(file -> {
                    try {
                        load(file);
                    } catch (IOException e) {
                        message.set("Cannot load " + file.getFileName() + ": " + e.getMessage());
                    }
                });
    }

    public void load(Path file) throws IOException {
        ScenarioDocument doc = ScenarioDocument.load(file);
        name.set(doc.name());
        steps.setAll(doc.steps());
        loadBalancerFieldsEdited = false;
        savedAs.set(file);
        result.set(null);
        message.set("Loaded " + file.getFileName() + ": " + doc.steps().size() + " steps");
    }

    /** The command that prints what the panel shows, for the saved scenario. */
    public String replayCommand() {
        Path folder = workspaceFolder.get();
        Path file = savedAs.get();
        return "pooldesk simulate --output table " + (folder == null ? "WORKSPACE" : folder) + " "
                + (file == null ? "SCENARIO.yaml" : file);
    }
}
