package io.pooldesk.views.planning;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.planning.Forecast;
import io.pooldesk.model.planning.GrowthStream;
import io.pooldesk.model.planning.LoadBalancerRequirements;
import io.pooldesk.views.common.Counts;
import io.pooldesk.views.common.Columns;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The forecast page: growth streams (load balancers per week for a namespace, network or cluster) on the left; on the
 * right the first pool to run out, called out, a chart of each pool's fill over time, and the date each runs out.
 */
public final class ForecastView extends BorderPane {
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private final ForecastViewModel model;
    private final Label headline = new Label("Set how many load balancers arrive each week, then Forecast.");
    private final NumberAxis weeksAxis = new NumberAxis();
    private final NumberAxis fillAxis = new NumberAxis(0, 100, 10);
    private final LineChart<Number, Number> chart = new LineChart<>(weeksAxis, fillAxis);
    private final TableView<Forecast.PoolFill> pools = new TableView<>();

    public ForecastView(ForecastViewModel model) {
        this.model = model;
        setId("forecast-view");
        VBox left = new VBox(10, title(), streamTable(), addStream(), horizonAndRun(), message());
        left.setPadding(new Insets(12));
        left.setPrefWidth(430);
        setLeft(left);
        setCenter(results());
        model.result.addListener((o, old, now) -> show(now));
    }

    private VBox title() {
        Label title = new Label("Forecast");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("New load balancers per week, per namespace, network or guest cluster. Each week's"
                + " arrivals go through the same pool selection and allocation as the cluster's.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return new VBox(4, title, hint);
    }

    private TableView<GrowthStream> streamTable() {
        TableView<GrowthStream> table = new TableView<>(model.streams);
        table.setId("forecast-streams");
        table.setEditable(true);
        TableColumn<GrowthStream, String> who = io.pooldesk.views.common.Columns.longText("Load balancers of",
                GrowthStream::describe, 290);
        TableColumn<GrowthStream, String> rate = new TableColumn<>("Per week");
        rate.setCellValueFactory(c -> new ReadOnlyStringWrapper(format(c.getValue().perWeek())));
        rate.setCellFactory(TextFieldTableCell.forTableColumn());
        rate.setOnEditCommit(e -> model.setRate(e.getTablePosition().getRow(), e.getNewValue()));
        rate.setPrefWidth(80);
        table.getColumns().setAll(List.of(who, rate));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        table.setPlaceholder(new Label("No growth yet: add a stream below"));
        return table;
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private GridPane addStream() {
        TextField namespace = new TextField();
        namespace.setPromptText("namespace");
        TextField network = new TextField();
        network.setPromptText("network (any)");
        TextField cluster = new TextField();
        cluster.setPromptText("guest cluster (none)");
        TextField perWeek = new TextField("2");
        perWeek.setPrefColumnCount(4);
        perWeek.setId("forecast-rate");
        Button add = new Button("Add stream");
        add.setOnAction(e -> model.add(new LoadBalancerRequirements(namespace.getText(), network.getText(), "",
                cluster.getText(), ""), perWeek.getText()));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        // the rate and its button keep their words at the narrowest window (1024 wide cut them to "a w…", "Add stre…")
        Label aWeek = new Label("a week");
        aWeek.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        perWeek.setPrefColumnCount(3);
        HBox rate = new HBox(6, perWeek, aWeek);
        rate.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(0, namespace, network);
        grid.addRow(1, cluster, rate);
        grid.add(add, 1, 2);
        return grid;
    }

    private HBox horizonAndRun() {
        ComboBox<Integer> horizon = new ComboBox<>();
        horizon.getItems().setAll(13, 26, 52, 104, 156);
        horizon.setValue(model.weeks.get());
        horizon.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer weeks) {
                return weeks == null ? "" : weeks + " weeks";
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace(" weeks", "").trim());
            }
        });
        horizon.valueProperty().addListener((o, old, now) -> model.weeks.set(now));
        Button run = new Button("Forecast");
        run.setId("forecast-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(model.running);
        run.setOnAction(e -> model.run());
        HBox row = new HBox(8, new Label("Horizon"), horizon, run);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Label message() {
        Label message = new Label();
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TEXT_SMALL);
        message.textProperty().bind(model.message);
        return message;
    }

    private VBox results() {
        headline.setId("forecast-headline");
        headline.getStyleClass().add(Styles.TITLE_4);
        headline.setWrapText(true);
        chart.setId("forecast-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setTitle("Fill of each pool that grows");
        // the ticks are the dates the weeks start on (TICK), so the axis is named for dates
        weeksAxis.setLabel("Date (one step a week)");
        weeksAxis.setForceZeroInRange(true);
        weeksAxis.setAutoRanging(false);
        fillAxis.setLabel("% of the pool in use");
        pools.setId("forecast-pools");
        pools.getColumns().setAll(List.of(
                Columns.text("Pool", f -> f.pool().name(), 160),
                Columns.text("Today", f -> f.used()[0] + " / " + Counts.compact(f.pool().total()), 110),
                Columns.text("At horizon", f -> f.used()[f.used().length - 1] + " / " + Counts.compact(f.pool().total()), 110),
                Columns.text("Runs out", f -> f.runsOutWeek() == null ? "not within the horizon"
                        : model.result.get().dateOf(f.runsOutWeek()).format(ForecastViewModel.DAY)
                        + (f.runsOutWeek() == 0 ? " (already full)" : " (week " + f.runsOutWeek() + ")"), 200)));
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pools.setPrefHeight(210);
        pools.setPlaceholder(new Label("No forecast yet"));
        VBox box = new VBox(8, headline, chart, pools);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }

    private void show(Forecast forecast) {
        chart.getData().clear();
        if (forecast == null) {
            pools.getItems().clear();
            return;
        }
        headline.setText(ForecastViewModel.headline(forecast));
        headline.pseudoClassStateChanged(Styles.STATE_DANGER, forecast.firstToRunOut().isPresent());
        weeksAxis.setUpperBound(forecast.weeks());
        weeksAxis.setTickUnit(Math.max(1, forecast.weeks() / 13));
        weeksAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number week) {
                return forecast.dateOf(week.intValue()).format(TICK);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        List<Forecast.PoolFill> shown = forecast.fill().stream()
                .filter(f -> f.grows() || f.runsOutWeek() != null).toList();
        for (Forecast.PoolFill fill : shown) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(fill.pool().name() + (fill.runsOutWeek() == null ? ""
                    : " · full " + forecast.dateOf(fill.runsOutWeek()).format(ForecastViewModel.DAY)));
            for (int week = 0; week <= forecast.weeks(); week++) {
                series.getData().add(new XYChart.Data<>(week, fill.percent(week)));
            }
            chart.getData().add(series);
        }
        pools.getItems().setAll(shown);
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }
}
