package io.pooldesk.views.pools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.planning.PlanStep;
import io.pooldesk.model.planning.ScenarioComparison;
import io.pooldesk.model.planning.ScenarioDocument;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.pools.editor.PoolForm;
import io.pooldesk.views.pools.editor.PoolFormModel;
import io.pooldesk.views.pools.forms.PoolForms;
import io.pooldesk.views.report.MapPicture;
import io.pooldesk.views.report.ReportFiles;
import io.pooldesk.views.workspace.WorkspaceViewModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The IP Pools page's commands: delete (the engine says first whether the cluster would allow it), which pool the
 * form can edit, exports, the report and the map picture. Questions go through a {@link DialogService}.
 */
public final class PoolsViewModel {
    private final WorkspaceViewModel workspace;
    private final DialogService dialogs;

    public PoolsViewModel(WorkspaceViewModel workspace, DialogService dialogs) {
        this.workspace = workspace;
        this.dialogs = dialogs;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    /**
     * Deletes the pool when the cluster would: the engine replays the workspace with the delete and says whether
     * admission refuses it. A refusal is shown at once, without first asking whether to delete; otherwise the
     * operator confirms, then the delete is written.
     */
    public void delete(PoolSummary pool) {
        if (pool == null) {
            return;
        }
        List<Manifest> objects = workspace.manifests();
        workspace.background().run("Checking whether " + pool.name() + " can be deleted",
                () -> deleteRefusals(objects, pool), refusals -> {
                    if (!refusals.isEmpty()) {
                        dialogs.showError("The cluster would refuse this delete", String.join("\n", refusals));
                        workspace.statusProperty().set("Not deleted: " + refusals.get(0));
                    } else if (dialogs.confirm("Delete pool " + pool.name() + "?", "Delete pool " + pool.name()
                            + " from " + pool.sourceFile() + "? Undo (Ctrl+Z) brings it back.")) {
                        workspace.removePool(pool);
                    }
                }, failed -> workspace.statusProperty().set("Cannot check the delete of " + pool.name() + ": "
                        + failed.getMessage()));
    }

    /** What the pool system's admission says to deleting the pool now, in words; empty when it allows it. */
    public static List<String> deleteRefusals(List<Manifest> objects, PoolSummary pool) {
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        ObjectNode delete = step.putObject("delete");
        delete.put("kind", pool.manifest().kind());
        delete.put("namespace", pool.manifest().namespace());
        delete.put("name", pool.name());
        ScenarioDocument scenario = new ScenarioDocument("delete-" + pool.name(),
                List.of(new PlanStep.Written("Delete " + pool.name(), step)));
        return ScenarioComparison.of(objects, scenario, "delete " + pool.name()).refusals();
    }

    /** The form of the pool's system, or empty with the reason in the status line. */
    public Optional<PoolForm> formOf(PoolSummary pool) {
        if (pool == null) {
            return Optional.empty();
        }
        Optional<PoolForm> form = PoolForms.of(pool.manifest());
        if (form.isEmpty()) {
            workspace.statusProperty().set(pool.kind() + " pools have no form yet: edit " + pool.sourceFile()
                    + " as YAML.");
        }
        return form;
    }

    /** The selected pool in its system's form, or empty with the reason in the status line. */
    public Optional<Editing> edit(PoolSummary selected) {
        return formOf(selected).flatMap(form -> {
            try {
                return Optional.of(new Editing(form, form.edit(selected.manifest().object(),
                        workspace.manifests())));
            } catch (RuntimeException e) {
                workspace.statusProperty().set("Cannot edit " + selected.name() + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A new pool starting as a copy of the selected one (named {@code <name>-copy}), in its system's form. */
    public Optional<Editing> cloneOf(PoolSummary selected) {
        return formOf(selected).map(form -> new Editing(form,
                form.create(PoolForms.cloneOf(selected.manifest().object()), workspace.manifests())));
    }

    /** A new, blank pool of the system, in its form. */
    public Optional<Editing> create(String systemId) {
        Optional<PoolForm> form = PoolForms.bySystem(systemId);
        if (form.isEmpty()) {
            workspace.statusProperty().set("No form creates pools of " + systemId + ".");
        }
        return form.map(f -> new Editing(f, f.create(null, workspace.manifests())));
    }

    /**
     * A form a crashed run left unsaved, opened again: on the saved pool of the same name when there is one, else as
     * a new pool; empty when the copy is of no system with a form.
     */
    public Optional<Editing> recover(ObjectNode unsaved) {
        Manifest copy = new Manifest("recovered", 1, unsaved);
        return PoolForms.of(copy).map(form -> {
            Optional<Manifest> saved = workspace.manifests().stream().filter(m -> m.sameObject(copy)).findFirst();
            PoolFormModel model = saved.isPresent() ? form.edit(saved.get().object(), workspace.manifests())
                    : form.create(null, workspace.manifests());
            model.load(unsaved);
            return new Editing(form, model);
        });
    }

    /** A pool form, open on a model. */
    public record Editing(PoolForm form, PoolFormModel model) {
    }

    /** Writes the selected pools, or the whole workspace when {@code selection} is null, as one YAML file. */
    public void export(List<PoolSummary> selection) {
        List<Manifest> objects = selection != null ? selection.stream().map(PoolSummary::manifest).toList()
                : workspace.manifests();
        if (objects.isEmpty()) {
            workspace.statusProperty().set("Nothing to export: select one or more pools first.");
            return;
        }
        dialogs.chooseFileToSave("Export as YAML", selection != null ? "pools.yaml" : "workspace.yaml", "YAML",
                "*.yaml", "*.yml").ifPresent(target -> {
                    try {
                        workspace.export(target, objects);
                    } catch (IOException e) {
                        workspace.statusProperty().set("Export failed: " + e.getMessage());
                    }
                });
    }

    /** The utilisation report into a folder: pools.csv, report.html (printable, maps included), maps/*.png. */
    public void exportReport() {
        WorkspaceAnalysis analysis = workspace.analysisProperty().get();
        if (analysis == null) {
            return;
        }
        Optional<Path> folder = dialogs.chooseFolder("Folder for the utilisation report");
        if (folder.isEmpty()) {
            return;
        }
        Path target = folder.get();
        List<PoolSummary> pools = analysis.pools();
        String title = "IP pool utilisation: " + workspace.folder();
        workspace.background().run("Writing the report", () -> {
            ReportFiles.csv(target.resolve("pools.csv"), pools);
            ReportFiles.html(target.resolve("report.html"), title, pools);
            ReportFiles.maps(target.resolve("maps"), pools);
            return pools.size();
        }, count -> workspace.statusProperty().set("Report of " + count + " pools written to " + target),
                failed -> workspace.statusProperty().set("The report could not be written: " + failed.getMessage()));
    }

    public void saveMapPng(PoolSummary pool) {
        if (pool == null || pool.extent() == null) {
            workspace.statusProperty().set("Select a pool first: its map is saved.");
            return;
        }
        dialogs.chooseFileToSave("Save the map as PNG", MapPicture.fileName(pool), "PNG image", "*.png")
                .ifPresent(file -> workspace.background().run("Saving the map of " + pool.name(), () -> {
                    AtomicFiles.write(file, MapPicture.png(pool));
                    return file;
                }, done -> workspace.statusProperty().set("Map of " + pool.name() + " saved to " + done),
                        failed -> workspace.statusProperty().set("The map could not be saved: "
                                + failed.getMessage())));
    }
}
