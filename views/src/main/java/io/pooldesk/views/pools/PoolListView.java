package io.pooldesk.views.pools;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.model.address.AddressQuery;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Age;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.workspace.AddressHolder;
import io.pooldesk.model.workspace.PoolState;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.Columns;
import io.pooldesk.views.common.Counts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The IP Pools list: name, kind, ranges, state, a utilisation bar, free, size, network, scope, priority, age, source
 * file. The filter finds pools by words and by address: an address, a CIDR, a range or the first octets
 * ({@code 10.99}) find the pools whose ranges meet it.
 */
public final class PoolListView extends BorderPane {
    private List<PoolSummary> pools = List.of();
    /** The rows the table shows, in its order; changed by removing and adding rows, so the table keeps its cells. */
    private final ObservableList<PoolSummary> shown = FXCollections.observableArrayList();
    private final Map<PoolSummary, String> words = new IdentityHashMap<>();
    private final Map<PoolSummary, List<ManifestProblem>> problems = new IdentityHashMap<>();
    private final TableView<PoolSummary> table = new TableView<>();
    private final CustomTextField filter = new CustomTextField();
    private final Label found = new Label();
    private final Button clone = new Button(null, new FontIcon(Feather.COPY));
    private Clock clock = Clock.systemUTC();
    /** What the operator selected, by kind, namespace and name; a filter hides rows but does not unselect them. */
    private List<String> chosen = List.of();
    private String chosenFocus;
    private boolean filtering;

    public PoolListView() {
        getStyleClass().add("pool-list");
        filter.setId("pool-filter");
        filter.setPromptText("Filter by name or address: pool-a, 10.99, 10.0.0.5, 10.0.0.0/24 (Ctrl+F)");
        filter.setLeft(new FontIcon(Feather.SEARCH));
        filter.textProperty().addListener((obs, old, text) -> refilter());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PoolSummary>) c -> {
            if (!filtering) {
                chosen = table.getSelectionModel().getSelectedItems().stream().map(PoolListView::key).toList();
                PoolSummary focused = table.getSelectionModel().getSelectedItem();
                chosenFocus = focused == null ? null : key(focused);
            }
        });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DOWN && !table.getItems().isEmpty()) {
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
                table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
                table.requestFocus();
                e.consume();
            }
        });
        table.setId("pool-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No pools in this workspace. Create one with Ctrl+N."));
        TableColumn<PoolSummary, PoolSummary> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setComparator(Comparator.comparing(PoolSummary::name));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(130);
        TableColumn<PoolSummary, PoolSummary> usage = new TableColumn<>("Used / total");
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        usage.setComparator(Comparator.comparingDouble(PoolSummary::utilisation));
        usage.setCellFactory(c -> new UsageCell());
        usage.setPrefWidth(115);
        TableColumn<PoolSummary, PoolSummary> state = new TableColumn<>("State");
        state.setId("State");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setComparator(Comparator.comparing(this::state));
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(80);
        TableColumn<PoolSummary, String> ranges = Columns.textWithWhole("Ranges", PoolListView::ranges,
                PoolListView::everyRange, 130);
        TableColumn<PoolSummary, PoolSummary> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        age.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(PoolSummary pool, boolean empty) {
                super.updateItem(pool, empty);
                setText(empty || pool == null ? null : age(pool));
            }
        });
        // by the timestamp, not the words ("3h" is younger than "20d"); youngest first, unknown ages last
        age.setComparator(Comparator.comparing((PoolSummary p) -> p.created().orElse(null),
                Comparator.nullsLast(Comparator.reverseOrder())));
        age.setPrefWidth(50);
        table.setItems(shown);
        // the table sorts the rows it shows in place: a permutation, the cells stay
        table.setSortPolicy(t -> {
            Comparator<PoolSummary> order = t.getComparator();
            if (order != null) {
                FXCollections.sort(shown, order);
            } else {
                keep(shown, filtered());
            }
            return true;
        });
        // the exact size written; "Used / total" beside it counts what this pool's system can hand out
        TableColumn<PoolSummary, String> size = Columns.text("Size", p -> Counts.compact(p.size()), 65);
        TableColumn<PoolSummary, String> network = Columns.text("Network", p -> p.network().isEmpty() ? "-"
                : p.network(), 80);
        TableColumn<PoolSummary, String> priority = Columns.text("Prio", p -> p.priority().isEmpty() ? "-"
                : p.priority(), 50);
        TableColumn<PoolSummary, String> source = Columns.text("Source", PoolSummary::sourceFile, 95);
        // what the detail beside the list says already starts hidden, so the rest fits 1024 pixels; the table's
        // menu (the + at the right of the header) shows it again
        for (var hidden : List.of(size, network, priority, source)) {
            hidden.setVisible(false);
        }
        table.setTableMenuButtonVisible(true);
        table.getColumns().setAll(List.of(name,
                Columns.text("Kind", PoolSummary::kind, 85),
                ranges,
                state,
                usage,
                Columns.textWithWhole("Free", p -> Counts.compact(p.available()), PoolListView::freeInFull, 55),
                size,
                network,
                Columns.text("Scope", p -> p.scope().isEmpty() ? "-" : p.scope(), 90),
                priority,
                age,
                source));
        clone.setId("pool-clone");
        clone.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        clone.setTooltip(new Tooltip("Clone the selected pool (Ctrl+Shift+C)"));
        clone.setAccessibleText("Clone the selected pool");
        clone.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox bar = new HBox(8, filter, clone);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);
        found.setId("pool-search-found");
        found.getStyleClass().add(Styles.TEXT_SMALL);
        found.setWrapText(true);
        found.setManaged(false);
        found.setVisible(false);
        VBox top = new VBox(4, bar, found);
        top.setPadding(new Insets(8));
        setTop(top);
        setCenter(table);
    }

    private static String key(PoolSummary pool) {
        return pool.kind() + "/" + pool.namespace() + "/" + pool.name();
    }

    /** The pools the filter lets through, in the table's order. */
    private List<PoolSummary> filtered() {
        String needle = filter.getText() == null ? "" : filter.getText().toLowerCase(Locale.ROOT).trim();
        Optional<AddressQuery> query = AddressQuery.of(needle);
        List<PoolSummary> out = new ArrayList<>();
        for (PoolSummary p : pools) {
            if (needle.isEmpty() || words.get(p).contains(needle) || query.isPresent() && query.get().meets(p.written())) {
                out.add(p);
            }
        }
        Comparator<PoolSummary> order = table.getComparator();
        if (order != null) {
            out.sort(order);
        }
        showFound(query, out);
        return out;
    }

    /** Under the filter, for an address: which pools it is in and who holds it there. */
    private void showFound(Optional<AddressQuery> query, List<PoolSummary> matching) {
        String text = query.map(q -> foundText(q, matching)).orElse("");
        found.setText(text);
        found.setVisible(!text.isEmpty());
        found.setManaged(!text.isEmpty());
    }

    private static String foundText(AddressQuery query, List<PoolSummary> matching) {
        List<PoolSummary> meeting = matching.stream().filter(p -> query.meets(p.written())).toList();
        if (query.address() == null) {
            Span span = query.span();
            return meeting.size() + (meeting.size() == 1 ? " pool meets " : " pools meet ") + span.first() + "-"
                    + span.last() + " (" + Counts.compact(span.size()) + " addresses)";
        }
        if (meeting.isEmpty()) {
            return query.address() + " is in no pool.";
        }
        return meeting.stream().map(p -> query.address() + " is in " + p.name() + ": " + AddressHolder.in(p,
                query.address()).map(AddressHolder::describe).orElse("")).collect(Collectors.joining("; "));
    }

    private void refilter() {
        // the operator's selection outlives the filter: rows it hides come back selected when it shows them
        filtering = true;
        try {
            keep(shown, filtered());
            reselect();
        } finally {
            filtering = false;
        }
    }

    /**
     * Makes {@code rows} show {@code next} by removing the rows that go when only rows go (typing narrows the
     * filter), else by replacing them. A FilteredList replaces every row on each key, and a replaced row list makes
     * the table build all its cells anew: most of a filter's time over 5,000 pools went there.
     */
    private static void keep(ObservableList<PoolSummary> rows, List<PoolSummary> next) {
        if (sameRows(rows, next)) {
            return;
        }
        if (isSubsequence(next, rows)) {
            Set<PoolSummary> staying = Collections.newSetFromMap(new IdentityHashMap<>());
            staying.addAll(next);
            rows.retainAll(staying);
        } else {
            rows.setAll(next);
        }
    }

    private static boolean sameRows(List<PoolSummary> a, List<PoolSummary> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSubsequence(List<PoolSummary> part, List<PoolSummary> whole) {
        int at = 0;
        for (PoolSummary p : part) {
            while (at < whole.size() && whole.get(at) != p) {
                at++;
            }
            if (at == whole.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private void reselect() {
        if (chosen.isEmpty() && table.getSelectionModel().isEmpty()) {
            return;
        }
        Set<String> wanted = Set.copyOf(chosen);
        List<PoolSummary> visible = table.getItems().stream().filter(p -> wanted.contains(key(p))).toList();
        List<PoolSummary> now = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (visible.equals(now)) {
            return;
        }
        table.getSelectionModel().clearSelection();
        PoolSummary focus = visible.stream().filter(p -> key(p).equals(chosenFocus)).findFirst().orElse(null);
        visible.stream().filter(p -> p != focus).forEach(p -> table.getSelectionModel().select(p));
        if (focus != null) {
            table.getSelectionModel().select(focus);
        }
    }

    public void setPools(List<PoolSummary> summaries) {
        filtering = true;
        try {
            pools = List.copyOf(summaries);
            words.clear();
            problems.clear();
            for (PoolSummary p : pools) {
                words.put(p, String.join(" ", p.name(), p.kind(), p.network(), p.scope(), p.description(),
                        p.namespace()).toLowerCase(Locale.ROOT));
            }
            shown.setAll(filtered());
            reselect();
        } finally {
            filtering = false;
        }
    }

    /** Marks the pools {@code validate} refuses (their state becomes invalid, the problems its tooltip). */
    public void setProblems(ValidationReport report) {
        setProblems(PoolState.problemsOf(report));
    }

    /** The same, from validate's problems already grouped by pool ({@link PoolState#problemsOf(ValidationReport)}). */
    public void setProblems(java.util.function.Function<PoolSummary, List<ManifestProblem>> problemsOf) {
        boolean hadProblems = !problems.isEmpty();
        problems.clear();
        for (PoolSummary p : pools) {
            List<ManifestProblem> own = problemsOf.apply(p);
            if (!own.isEmpty()) {
                problems.put(p, own);
            }
        }
        // a refresh builds every cell anew: only when a pool's state changes
        if (hadProblems || !problems.isEmpty()) {
            table.refresh();
        }
    }

    /** The clock the Age column counts from (a test's fixed one). */
    public void setClock(Clock clock) {
        this.clock = clock;
        table.refresh();
    }

    public PoolState state(PoolSummary pool) {
        return PoolState.of(pool, problems.getOrDefault(pool, List.of()));
    }

    public List<ManifestProblem> problemsOf(PoolSummary pool) {
        return problems.getOrDefault(pool, List.of());
    }

    private String age(PoolSummary pool) {
        return pool.created().map(c -> Age.of(Duration.between(c, clock.instant()))).orElse("-");
    }

    /** What the pool hands out, in brief: its first range as a CIDR when it is one, and how many more follow. */
    static String ranges(PoolSummary pool) {
        List<Span> spans = pool.written().spans();
        if (spans.isEmpty()) {
            return "-";
        }
        String text = brief(spans.get(0));
        return spans.size() == 1 ? text : text + " +" + (spans.size() - 1);
    }

    /** Ranges as few as ten lines can list: every range the pool's system hands out from, then how many more. */
    static final int RANGES_LISTED = 10;

    /** The Ranges column's tooltip: each range, one a line, as a CIDR when it is one. */
    static String everyRange(PoolSummary pool) {
        List<Span> spans = pool.written().spans();
        if (spans.isEmpty()) {
            return "No range";
        }
        String listed = spans.stream().limit(RANGES_LISTED).map(PoolListView::brief).collect(Collectors.joining("\n"));
        return spans.size() <= RANGES_LISTED ? listed : listed + "\nand " + (spans.size() - RANGES_LISTED) + " more";
    }

    /** The Free column's tooltip: the exact count, not its compact form. */
    static String freeInFull(PoolSummary pool) {
        return String.format(Locale.ROOT, "%,d of %,d addresses free", pool.available(), pool.total());
    }

    private static String brief(Span span) {
        var blocks = span.toCidrBlocks();
        if (blocks.size() == 1) {
            return blocks.get(0).toString();
        }
        // a subnet whose system holds back its network and broadcast addresses (Harvester's) reads as that subnet
        if (span.first().isIPv4() && span.first().value().signum() > 0
                && span.last().value().compareTo(java.math.BigInteger.valueOf(0xFFFFFFFFL)) < 0) {
            var around = new Span(span.first().previous(), span.last().next()).toCidrBlocks();
            if (around.size() == 1) {
                return around.get(0).toString();
            }
        }
        return span.first() + "-" + span.last();
    }

    public TableView<PoolSummary> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    /** The line under the filter saying which pools an address is in and who holds it. */
    public Label found() {
        return found;
    }

    public Button cloneButton() {
        return clone;
    }

    public PoolSummary selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    public List<PoolSummary> selection() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    /** Shows every pool again when the filter hides this one; true when it is in the list. */
    public boolean reveal(PoolSummary pool) {
        if (!shown.contains(pool) && pools.contains(pool)) {
            filter.clear();
        }
        return shown.contains(pool);
    }

    /**
     * The pool's name as the cell's own text, the global tag its graphic: a row is few nodes, because a filter that
     * changes the number of rows makes the table take every row out of the scene and style it again.
     */
    private static final class NameCell extends TableCell<PoolSummary, PoolSummary> {
        private final Label global = new Label("global");

        NameCell() {
            getStyleClass().add("pool-name-cell");
            global.getStyleClass().addAll("tag", "tag-global");
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            setGraphicTextGap(6);
        }

        @Override
        protected void updateItem(PoolSummary pool, boolean empty) {
            super.updateItem(pool, empty);
            boolean tagged = !empty && pool != null && pool.global();
            setText(empty || pool == null ? null : pool.name());
            // the tag stays the graphic, hidden: taking it out of the scene and back costs its CSS again
            setGraphic(global);
            global.setVisible(tagged);
            global.setManaged(tagged);
        }
    }

    private static final Map<PoolState, PseudoClass> STATE_PSEUDO_CLASSES = java.util.Arrays.stream(PoolState.values())
            .collect(Collectors.toMap(s -> s, s -> PseudoClass.getPseudoClass(pseudoClass(s)), (a, b) -> a,
                    () -> new java.util.EnumMap<>(PoolState.class)));

    /**
     * {@code nearly-full}: the CSS pseudo-class of the State column's cell ({@code .pool-state:nearly-full}). A
     * pseudo-class, not a style class: changing a style class makes JavaFX match the node's styles again from scratch.
     */
    static String pseudoClass(PoolState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private final class StateCell extends TableCell<PoolSummary, PoolSummary> {
        /** Made when first needed: most pools have no problem to explain. */
        private Tooltip why;

        StateCell() {
            getStyleClass().add("pool-state");
        }

        @Override
        protected void updateItem(PoolSummary pool, boolean empty) {
            super.updateItem(pool, empty);
            PoolState state = empty || pool == null ? null : state(pool);
            STATE_PSEUDO_CLASSES.forEach((s, pseudo) -> pseudoClassStateChanged(pseudo, s == state));
            if (state == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(state.words());
            List<ManifestProblem> own = problemsOf(pool);
            if (own.isEmpty()) {
                setTooltip(null);
            } else {
                if (why == null) {
                    why = new Tooltip();
                    why.setWrapText(true);
                    why.setMaxWidth(520);
                }
                why.setText(own.stream().map(p -> (p.field() == null || p.field().isEmpty() ? "" : p.field() + ": ")
                        + p.message()).collect(Collectors.joining("\n")));
                setTooltip(why);
            }
        }
    }

    /** The utilisation bar and "used / total": the bar is the cell's graphic, the words its own text. */
    private static final class UsageCell extends TableCell<PoolSummary, PoolSummary> {
        private final UsageBar bar = new UsageBar();
        /** Measures the words, outside the scene. */
        private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

        UsageCell() {
            getStyleClass().addAll("pool-usage", Styles.TEXT_SMALL);
            setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
            setGraphicTextGap(8);
        }

        @Override
        protected void updateItem(PoolSummary pool, boolean empty) {
            super.updateItem(pool, empty);
            setGraphic(bar);
            bar.setVisible(!empty && pool != null);
            if (empty || pool == null) {
                setText(null);
                return;
            }
            bar.show(pool.utilisation());
            setText(Counts.compact(pool.used()) + " / " + Counts.compact(pool.total()));
        }

        @Override
        protected void layoutChildren() {
            // the bar takes the width the words leave
            double words = getText() == null ? 0 : computeTextWidth();
            bar.setPrefWidth(Math.max(16, getWidth() - snappedLeftInset() - snappedRightInset() - words
                    - getGraphicTextGap()));
            super.layoutChildren();
        }

        private double computeTextWidth() {
            measure.setText(getText());
            measure.setFont(getFont());
            return Math.ceil(measure.getLayoutBounds().getWidth());
        }
    }

    /**
     * A utilisation bar of two regions, the track and its fill ({@code .usage-bar > .bar}), coloured amber from 75 %
     * and red from 90 % ({@code :warning}, {@code :danger}). Lighter than a ProgressBar, whose skin and
     * indeterminate animation every row of the list paid for when a filter restyled the rows.
     */
    static final class UsageBar extends Region {
        private final Region fill = new Region();
        private double progress;

        UsageBar() {
            getStyleClass().add("usage-bar");
            fill.getStyleClass().add("bar");
            getChildren().add(fill);
            setMaxHeight(USE_PREF_SIZE);
        }

        void show(double utilisation) {
            progress = Math.max(0, Math.min(1, utilisation));
            PoolState state = PoolState.byUtilisation(utilisation);
            pseudoClassStateChanged(Styles.STATE_DANGER, state == PoolState.FULL);
            pseudoClassStateChanged(Styles.STATE_WARNING, state == PoolState.NEARLY_FULL);
            requestLayout();
        }

        double progress() {
            return progress;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 6;
        }

        @Override
        protected void layoutChildren() {
            double width = getWidth() - snappedLeftInset() - snappedRightInset();
            fill.resizeRelocate(snappedLeftInset(), snappedTopInset(), snapSizeX(width * progress),
                    getHeight() - snappedTopInset() - snappedBottomInset());
        }
    }
}
