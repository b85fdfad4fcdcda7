package io.pooldesk.views.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.planning.Forecast;
import io.pooldesk.model.planning.GrowthStream;
import io.pooldesk.model.planning.LoadBalancerRequirements;
import io.pooldesk.views.common.BackgroundWork;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The forecast page's state: the growth streams, the horizon, and the last forecast. */
public final class ForecastViewModel {
    /** How the forecast writes a date: 7 Dec 2026. */
    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
            java.util.Locale.ENGLISH);
    private final BackgroundWork background;
    private final Supplier<List<Manifest>> workspace;
    private final Clock clock;

    public final ObservableList<GrowthStream> streams = FXCollections.observableArrayList();
    public final IntegerProperty weeks = new SimpleIntegerProperty(this, "weeks", 52);
    public final StringProperty message = new SimpleStringProperty(this, "message", "");
    public final ObjectProperty<Forecast> result = new SimpleObjectProperty<>(this, "result");
    public final BooleanProperty running = new SimpleBooleanProperty(this, "running");

    public ForecastViewModel(BackgroundWork background, Supplier<List<Manifest>> workspace, Clock clock) {
        this.background = background;
        this.workspace = workspace;
        this.clock = clock;
    }

    /**
     * One stream per kind of load balancer the workspace already has (same namespace, network, project and
     * cluster), at one a week: a starting point the operator then edits.
     */
    public void suggestStreams(List<Manifest> workspace) {
        Set<LoadBalancerRequirements> kinds = new LinkedHashSet<>();
        for (Manifest m : workspace) {
            LoadBalancerRequirements r = LoadBalancerRequirements.of(m.object());
            if (r != null) {
                kinds.add(new LoadBalancerRequirements(r.namespace(), r.network(), r.project(), r.cluster(), ""));
            }
        }
        streams.setAll(kinds.stream().map(k -> new GrowthStream(k, 1)).toList());
    }

    /** Adds a stream; a wrong rate is said in {@link #message}. */
    public boolean add(LoadBalancerRequirements requirements, String perWeek) {
        try {
            streams.add(new GrowthStream(requirements, Double.parseDouble(perWeek.trim())));
            message.set("");
            return true;
        } catch (NumberFormatException e) {
            message.set("Per week: \"" + perWeek + "\" is not a number");
        } catch (IllegalArgumentException e) {
            message.set("Per week: " + e.getMessage());
        }
        return false;
    }

    public void setRate(int index, String perWeek) {
        try {
            streams.set(index, streams.get(index).withRate(Double.parseDouble(perWeek.trim())));
            message.set("");
        } catch (IllegalArgumentException e) {
            message.set("Per week: \"" + perWeek + "\" is not a rate from 0 to " + (int) GrowthStream.MAX_PER_WEEK);
            streams.set(index, streams.get(index));
        }
    }

    public void run() {
        List<Manifest> manifests = List.copyOf(workspace.get());
        List<GrowthStream> growth = List.copyOf(streams);
        int horizon = weeks.get();
        LocalDate today = LocalDate.now(clock);
        running.set(true);
        message.set("Forecasting " + horizon + " weeks…");
        background.run("Forecast " + horizon + " weeks", () -> Forecast.of(manifests, growth, today, horizon),
                done -> {
                    running.set(false);
                    result.set(done);
                    message.set(headline(done));
                }, failed -> {
                    running.set(false);
                    message.set("No forecast: " + failed.getMessage());
                });
    }

    /** The first pool to run out, in words, or that none does within the horizon. */
    public static String headline(Forecast f) {
        return f.firstToRunOut().map(p -> "First to run out: " + p.pool().name() + " on "
                + f.dateOf(p.runsOutWeek()).format(DAY)
                + (p.runsOutWeek() == 0 ? " (already full)" : " (week " + p.runsOutWeek() + ")"))
                .orElse("No pool runs out within " + f.weeks() + " weeks.");
    }
}
