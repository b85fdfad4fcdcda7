package io.pooldesk.views.pools.forms.harvesterlb;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the Range tab: "Add CIDR" rows leave start and end empty. */
public final class RangeRow {
    public final StringProperty subnet = new SimpleStringProperty("");
    public final StringProperty start = new SimpleStringProperty("");
    public final StringProperty end = new SimpleStringProperty("");
    public final StringProperty gateway = new SimpleStringProperty("");
    private final boolean range;

    public RangeRow(boolean range) {
        this.range = range;
    }

    /** Whether the row shows Start and End (a "range" row), as the reference UI decides for loaded rows. */
    public boolean isRange() {
        return range;
    }
}
