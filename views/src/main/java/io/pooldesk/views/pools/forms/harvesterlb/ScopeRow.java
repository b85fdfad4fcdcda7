package io.pooldesk.views.pools.forms.harvesterlb;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One scope tuple of the Selector tab. */
public final class ScopeRow {
    public final StringProperty project = new SimpleStringProperty("");
    public final StringProperty namespace = new SimpleStringProperty("");
    public final StringProperty guestCluster = new SimpleStringProperty("");
}
