package io.pooldesk.views.pools.forms.harvesterlb;

import atlantafx.base.theme.Styles;
import io.pooldesk.views.pools.editor.FieldErrors;
import io.pooldesk.views.pools.editor.RowList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Range tab: rows of Subnet, Start, End and Gateway; Add CIDR, Add Range, Remove. */
final class RangeTab extends Tab {
    private final IpPoolFormModel model;
    private final GridPane rows = new GridPane();

    RangeTab(IpPoolFormModel model) {
        super("Range");
        this.model = model;
        setClosable(false);
        setId("tab-range");
        rows.setHgap(8);
        rows.setVgap(6);
        Button addCidr = new Button("Add CIDR", new FontIcon(Feather.PLUS));
        addCidr.setId("add-cidr");
        addCidr.setOnAction(e -> model.addCidr());
        Button addRange = new Button("Add Range", new FontIcon(Feather.PLUS));
        addRange.setId("add-range");
        addRange.setOnAction(e -> model.addRange());
        Label hint = new Label("A CIDR row uses the whole subnet (network + 1 to broadcast - 1); a range row names"
                + " its first and last address.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        VBox content = new VBox(12, hint, rows, new HBox(8, addCidr, addRange));
        content.setPadding(new Insets(12));
        setContent(new ScrollPane(content));
        ((ScrollPane) getContent()).setFitToWidth(true);
        RowList.rebuildOnAddOrRemove(model.ranges, this::rebuild);
    }

    private void rebuild() {
        rows.getChildren().clear();
        String[] headers = {"Subnet *", "Start IP", "End IP", "Gateway"};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add(Styles.TEXT_BOLD);
            rows.add(header, c, 0);
        }
        for (int i = 0; i < model.ranges.size(); i++) {
            RangeRow row = model.ranges.get(i);
            String path = "spec.ranges[" + i + "]";
            rows.add(FieldErrors.field(FieldErrors.text(row.subnet, "range-" + i + "-subnet", "192.168.100.0/24"),
                    path + ".subnet", model.errors()), 0, i + 1);
            if (row.isRange()) {
                rows.add(FieldErrors.field(FieldErrors.text(row.start, "range-" + i + "-start", "first address"),
                        path + ".rangeStart", model.errors()), 1, i + 1);
                rows.add(FieldErrors.field(FieldErrors.text(row.end, "range-" + i + "-end", "last address"),
                        path + ".rangeEnd", model.errors()), 2, i + 1);
            }
            rows.add(FieldErrors.field(FieldErrors.text(row.gateway, "range-" + i + "-gateway", "network + 1"),
                    path + ".gateway", model.errors()), 3, i + 1);
            Button remove = FieldErrors.removeButton("range-" + i + "-remove", "range " + (i + 1), () -> model.ranges.remove(row));
            rows.add(remove, 4, i + 1);
        }
    }

}
