package io.pooldesk.views.pools.forms.harvesterlb;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.HarvesterLbSystem;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.LoadBalancer;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.views.pools.editor.FieldErrors;
import io.pooldesk.views.pools.editor.PoolForm;
import io.pooldesk.views.pools.editor.PoolFormModel;
import io.pooldesk.views.pools.editor.PoolFormParts;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;

/**
 * Harvester's load-balancer IP Pool form, laid out as Harvester's own IP Pools page: Name and Description, then the
 * Range and Selector tabs. Its checks are the engine's admission rules for create and update, and its preview names
 * the load balancers that would choose the pool.
 */
public final class IpPoolForm implements PoolForm {

    @Override
    public String systemId() {
        return HarvesterLbSystem.ID;
    }

    @Override
    public String title() {
        return "IP Pool";
    }

    @Override
    public PoolFormModel edit(ObjectNode pool, List<Manifest> workspace) {
        try {
            return new IpPoolFormModel(HarvesterLbCodec.readPool(new Manifest("workspace", 1, pool)),
                    pools(workspace), loadBalancers(workspace));
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e.field() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PoolFormModel create(ObjectNode start, List<Manifest> workspace) {
        IpPoolFormModel model = new IpPoolFormModel(null, pools(workspace), loadBalancers(workspace));
        if (start != null) {
            model.load(start);
        }
        return model;
    }

    @Override
    public PoolFormParts view(PoolFormModel form) {
        IpPoolFormModel model = (IpPoolFormModel) form;
        TextField name = new TextField();
        name.setId("pool-name");
        name.setPromptText("a DNS name, such as prod-pool");
        name.textProperty().bindBidirectional(model.name);
        name.setDisable(!model.isNew());
        TextField description = new TextField();
        description.setId("pool-description");
        description.textProperty().bindBidirectional(model.description);
        GridPane basics = new GridPane();
        basics.setHgap(8);
        basics.setVgap(6);
        basics.addRow(0, new Label("Name *"), FieldErrors.field(name, "metadata.name", model.errors()));
        basics.addRow(1, new Label("Description"), description);
        GridPane.setHgrow(description, Priority.ALWAYS);
        Label rangesError = new Label();
        rangesError.setId("ranges-error");
        rangesError.getStyleClass().add(Styles.DANGER);
        rangesError.setWrapText(true);
        Runnable showRangesError = () -> rangesError.setText(model.errors().getOrDefault("spec.ranges", ""));
        model.errors().addListener((MapChangeListener<String, String>) c -> showRangesError.run());
        showRangesError.run();
        return new PoolFormParts(basics, List.of(new RangeTab(model), new SelectorTab(model)), rangesError);
    }

    /** The pools the form checks a pool against: every pool of this kind in the workspace that reads. */
    static List<IpPool> pools(List<Manifest> workspace) {
        List<IpPool> out = new ArrayList<>();
        for (Manifest m : workspace) {
            if (HarvesterLb.isPool(m)) {
                try {
                    out.add(HarvesterLbCodec.readPool(m));
                } catch (ManifestException ignored) {
                    // unreadable pools are validate's to report
                }
            }
        }
        return out;
    }

    /** The load balancers the preview asks about; the unreadable ones are validate's to report. */
    static List<LoadBalancer> loadBalancers(List<Manifest> workspace) {
        List<LoadBalancer> out = new ArrayList<>();
        for (Manifest m : workspace) {
            if (HarvesterLb.isLoadBalancer(m)) {
                try {
                    out.add(HarvesterLbCodec.readLoadBalancer(m));
                } catch (ManifestException ignored) {
                    // listed as unreadable by validate
                }
            }
        }
        return out;
    }
}
