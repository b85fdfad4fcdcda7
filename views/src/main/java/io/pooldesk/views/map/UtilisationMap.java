package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Span;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The utilisation map: every address of a pool as a cell, drawn on one Canvas. Zoomed out, a cell aggregates a block
 * of 2^k addresses and is shaded by how full it is; the mouse wheel (or +, -) zooms around the pointer, the arrow keys
 * and Page Up/Down move. Hover shows the address and holder; a click on an allocated cell reports its holder.
 * State colours are CSS properties ({@code -map-free}, {@code -map-allocated}, ...), so themes and the legend agree.
 * <p>
 * Up to {@value #ROWS_UP_TO} addresses the cells run in rows, in address order, as an operator reads a /24. Beyond,
 * the map lays the addresses along a Hilbert curve ({@link HilbertLayout}) so every CIDR block stays a square; the
 * wheel zooms smoothly around the pointer, from the whole range down to single addresses, and dragging pans.
 */
public final class UtilisationMap extends Region {
    private static final double MIN_CELL = 6;
    private static final double MAX_CELL = 28;
    private static final double GAP = 1;
    /** Larger extents are drawn as a Hilbert layout. */
    public static final int ROWS_UP_TO = 4096;
    /** Height kept under a Hilbert map for its scale line. */
    private static final double SCALE_LINE = 18;
    /** Outline of the cells a what-if changed. */
    private static final Color CHANGED = Color.web("#8250df");

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapModel> model = new SimpleObjectProperty<>(this, "model");
    private final Tooltip tooltip = new Tooltip();
    private Consumer<String> onHolderSelected = holder -> { };

    private int level;
    private BigInteger firstRow = BigInteger.ZERO;
    private int columns = 16;
    private double cellSize = MAX_CELL;
    /** A map in rows: the address its first row starts at (a whole row's multiple, see MapModel#rowStart). */
    private Address rowStart;
    /** The rows on screen, position by position; null where a position holds no address of the pool. */
    private Cell[] grid = new Cell[0];
    private List<Cell> drawn = List.of();
    /** Where the pointer rests on the map, or null: the tooltip follows what lies under it as the map changes. */
    private javafx.geometry.Point2D pointer;
    private HilbertLayout hilbert;
    private HilbertViewport viewport;
    /** Whether the Hilbert view is still the fitted whole, so a resize fits it again rather than cropping it. */
    private boolean fitted;
    /** The same for a map in rows: true until the operator zooms or scrolls. */
    private boolean rowsFitted;
    private double dragX;
    private double dragY;
    /**
     * Device pixels per logical pixel of the window the map shows in (its render scale, which follows the screen's
     * output scale). The canvas holds that many pixels per logical pixel, so on a HiDPI screen cell borders land on
     * device pixels instead of being stretched and blurred.
     */
    private double pixelScale = 1;
    private final javafx.scene.transform.Scale toLogical = new javafx.scene.transform.Scale(1, 1, 0, 0);
    /**
     * The keyboard cursor of a map in rows: an address of the cell the arrow keys have reached, or null. Its cell's
     * description is the map's accessible text, so a screen reader reads the cell as the cursor moves.
     */
    private Address cursor;
    /** Outline of the keyboard cursor's cell. */
    private static final Color CURSOR = Color.web("#0969da");
    /** The Hilbert frame's image, kept while its size stays, so a pan or a zoom allocates no new image. */
    private javafx.scene.image.WritableImage frame;

    private final StyleableObjectProperty<Paint> free = colour("mapFree", Color.web("#d0e8d0"));
    private final StyleableObjectProperty<Paint> allocated = colour("mapAllocated", Color.web("#1f6feb"));
    private final StyleableObjectProperty<Paint> history = colour("mapHistory", Color.web("#d29922"));
    private final StyleableObjectProperty<Paint> reserved = colour("mapReserved", Color.web("#8b949e"));
    private final StyleableObjectProperty<Paint> outside = colour("mapOutside", Color.web("#eaeef2"));
    private final StyleableObjectProperty<Paint> next = colour("mapNext", Color.web("#cf222e"));
    private final StyleableObjectProperty<Paint> conflict = colour("mapConflict", Color.web("#f3622d"));

    public UtilisationMap() {
        getStyleClass().add("utilisation-map");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(200, 160);
        setPrefSize(640, 480);
        model.addListener((obs, old, now) -> reset());
        canvas.getTransforms().add(toLogical);
        // handled on the map, not the canvas, so that points are logical pixels whatever the canvas's pixel scale
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointer = null);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        followRenderScale();
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        setAccessibleRoleDescription("utilisation map");
        focusedProperty().addListener((obs, was, now) -> {
            if (now && cursor == null && hilbert == null && !drawn.isEmpty()) {
                cursor = drawn.get(0).span().first();
            }
            draw();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        Tooltip.install(canvas, tooltip);
        widthProperty().addListener(o -> fitCanvas());
        heightProperty().addListener(o -> fitCanvas());
        List.of(free, allocated, history, reserved, outside, next, conflict).forEach(p -> p.addListener(o -> draw()));
    }

    public ObjectProperty<MapModel> modelProperty() {
        return model;
    }

    public void setModel(MapModel value) {
        model.set(value);
    }

    public void setOnHolderSelected(Consumer<String> handler) {
        this.onHolderSelected = handler;
    }

    /** Addresses per cell, as a power of two. */
    public int level() {
        return hilbert != null && viewport != null ? viewport.level() : level;
    }

    /** Whether the map is drawn along a Hilbert curve (large extents) rather than in rows. */
    public boolean hilbertMode() {
        return hilbert != null;
    }

    public HilbertViewport viewport() {
        return viewport;
    }

    /** Zooms a Hilbert map by {@code factor} towards the cell holding an address. */
    public void zoomTowards(Address address, double factor) {
        if (hilbert == null || viewport == null || !hilbert.extent().contains(address)) {
            return;
        }
        double[] at = pixelOf(address);
        double x = Math.max(getWidth() * 0.2, Math.min(getWidth() * 0.8, at[0]));
        double y = Math.max(getHeight() * 0.2, Math.min(getHeight() * 0.8, at[1]));
        moveTo(viewport.zoomTowards(hilbert, address, factor, x, y));
    }

    /** Zooms a Hilbert map by {@code factor} around a point of the map, as the wheel does. */
    public void zoomAt(double factor, double x, double y) {
        if (hilbert != null && viewport != null) {
            moveTo(viewport.zoom(hilbert, factor, x, y));
        }
    }

    /** The cells on screen; on a Hilbert map each is described on demand (the frame itself never builds them). */
    public List<Cell> visibleCells() {
        MapModel m = model.get();
        if (hilbert == null || viewport == null || m == null) {
            return Collections.unmodifiableList(drawn);
        }
        long[] bounds = MapRaster.visible(hilbert, viewport, (int) getWidth(), (int) (getHeight() - SCALE_LINE));
        List<Cell> out = new ArrayList<>();
        for (long y = bounds[1]; y <= bounds[3]; y++) {
            for (long x = bounds[0]; x <= bounds[2]; x++) {
                Span span = hilbert.cell(viewport.level(), x, y);
                if (span != null) {
                    out.add(m.describe(span));
                }
            }
        }
        return out;
    }

    /** Zooms the whole extent into view. */
    public void reset() {
        MapModel m = model.get();
        cursor = null;
        setAccessibleHelp(m == null ? null : summary(m));
        firstRow = BigInteger.ZERO;
        rowStart = null;
        grid = new Cell[0];
        hilbert = m != null && m.extent().size().compareTo(BigInteger.valueOf(ROWS_UP_TO)) > 0
                ? new HilbertLayout(m.extent()) : null;
        viewport = null;
        if (hilbert != null) {
            fitHilbert();
            draw();
            return;
        }
        if (m != null) {
            level = levelToFit(m);
        }
        rowsFitted = true;
        layoutAndDraw();
    }

    public void zoomIn(Address around) {
        setLevel(level - 1, around);
    }

    public void zoomOut(Address around) {
        setLevel(level + 1, around);
    }

    private void setLevel(int newLevel, Address around) {
        MapModel m = model.get();
        if (m == null) {
            return;
        }
        if (hilbert != null) {
            double[] at = around == null ? new double[] {getWidth() / 2, getHeight() / 2} : pixelOf(around);
            zoomAt(newLevel < level() ? 2 : 0.5, at[0], at[1]);
            return;
        }
        int clamped = Math.max(0, Math.min(m.maxLevel(), newLevel));
        if (clamped == level) {
            return;
        }
        level = clamped;
        rowsFitted = false;
        layoutRows(m);
        Address anchor = around != null ? around : m.extent().first();
        BigInteger row = m.positionOf(rowStart, level, anchor).divide(BigInteger.valueOf(columns));
        firstRow = row.subtract(BigInteger.valueOf(visibleRows() / 2)).max(BigInteger.ZERO);
        draw();
    }

    private long capacity(double cell) {
        return capacity(cell, Long.MAX_VALUE);
    }

    private long capacity(double cell, long widest) {
        long cols = Math.min(widest, Math.max(1, (long) (getWidth() / (cell + GAP))));
        long rows = Math.max(1, (long) ((getHeight() - 4) / (cell + GAP)));
        return cols * rows;
    }

    private int visibleRows() {
        return Math.max(1, (int) ((getHeight() - 4) / (cellSize + GAP)));
    }

    @Override
    protected void layoutChildren() {
        fitCanvas();
    }

    /**
     * Gives the canvas the map's new size and draws again at that size: drawn before the canvas took it, a grown map
     * kept the old picture, clipped. A map the operator has not zoomed fits its new size again.
     */
    private void fitCanvas() {
        double width = Math.ceil(getWidth() * pixelScale);
        double height = Math.ceil(getHeight() * pixelScale);
        if (canvas.getWidth() == width && canvas.getHeight() == height) {
            return;
        }
        canvas.setWidth(width);
        canvas.setHeight(height);
        MapModel m = model.get();
        if (rowsFitted && hilbert == null && m != null && getWidth() > 0) {
            firstRow = BigInteger.ZERO;
            level = levelToFit(m);
        }
        layoutAndDraw();
    }

    private void fitHilbert() {
        if (getWidth() > 0 && getHeight() > 0) {
            viewport = HilbertViewport.fit(hilbert, getWidth(), getHeight() - SCALE_LINE);
            fitted = true;
        }
    }

    /** The centre pixel of the cell holding an address, in the current Hilbert viewport. */
    private double[] pixelOf(Address address) {
        long[] cell = hilbert.position(viewport.level(), address);
        return new double[] {(cell[0] + 0.5 - viewport.originX()) * viewport.cellPx(),
                (cell[1] + 0.5 - viewport.originY()) * viewport.cellPx()};
    }

    private void layoutAndDraw() {
        MapModel m = model.get();
        if (hilbert != null) {
            if (viewport == null || fitted) {
                fitHilbert();
            }
            draw();
            return;
        }
        if (m == null || getWidth() <= 0) {
            draw();
            return;
        }
        layoutRows(m);
        draw();
    }

    /**
     * The largest square cells with which the rows of this level fit, in a power of two of columns so that rows keep
     * /24 boundaries (a /23 breaks between its two /24s; 24 cells a row ran the second /24 from the middle of a
     * row). Up to 256 cells a row holds 16, as an operator reads a /24.
     */
    private void layoutRows(MapModel m) {
        long count = m.cellCount(level).min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
        long widest = count <= 256 ? 16 : Long.MAX_VALUE;
        double size = MAX_CELL;
        while (size > MIN_CELL && !rowsFit(m, size, widest)) {
            size -= 1;
        }
        cellSize = size;
        columns = columnsFor(size, widest, count);
        rowStart = m.rowStart(level, columns);
    }

    private int columnsFor(double size, long widest, long count) {
        long fit = Math.max(1, Math.min(widest, (long) (getWidth() / (size + GAP))));
        long enough = Long.highestOneBit(Math.max(1, count - 1)) << 1;
        return (int) Math.min(Integer.highestOneBit((int) Math.min(fit, 1 << 20)), Math.max(1, enough));
    }

    private boolean rowsFit(MapModel m, double size, long widest) {
        long count = m.cellCount(level).min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
        int cols = columnsFor(size, widest, count);
        BigInteger positions = m.positions(m.rowStart(level, cols), level);
        BigInteger rows = positions.add(BigInteger.valueOf(cols - 1)).divide(BigInteger.valueOf(cols));
        long visible = Math.max(1, (long) ((getHeight() - 4) / (size + GAP)));
        return rows.compareTo(BigInteger.valueOf(visible)) <= 0;
    }

    /** The finest level whose rows fit the map at the smallest cells. */
    private int levelToFit(MapModel m) {
        int fit = m.levelToFit(capacity(MIN_CELL));
        int saved = level;
        try {
            for (level = fit; level < m.maxLevel(); level++) {
                long count = m.cellCount(level).min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
                if (rowsFit(m, MIN_CELL, count <= 256 ? 16 : Long.MAX_VALUE)) {
                    return level;
                }
            }
            return m.maxLevel();
        } finally {
            level = saved;
        }
    }

    private void draw() {
        paint();
        Cell hovered = null;
        if (pointer != null) {
            // zoomed or scrolled under a resting pointer: the tooltip must describe the cell now there
            hovered = cellAt(pointer.getX(), pointer.getY());
            tooltip.setText(hovered == null ? "" : describe(hovered));
        }
        Cell focused = cursorCell();
        speak(focused != null ? focused : hovered);
    }

    /** The cell a screen reader reads: the keyboard cursor's, else the one under the pointer. */
    private void speak(Cell cell) {
        String text = cell == null ? null : describe(cell).replace("\n", ", ");
        if (!java.util.Objects.equals(text, getAccessibleText())) {
            setAccessibleText(text);
            notifyAccessibleAttributeChanged(javafx.scene.AccessibleAttribute.TEXT);
        }
    }

    /** The whole map in words, for the map's accessible help. */
    private static String summary(MapModel m) {
        Cell whole = m.describe(m.extent());
        return "Utilisation map of " + m.extent() + ": " + whole.usable() + " usable addresses, " + whole.allocated()
                + " allocated, " + whole.usable().subtract(whole.allocated()).max(BigInteger.ZERO) + " free."
                + " Arrow keys move between cells, plus and minus zoom, Enter selects the holder.";
    }

    /** The cell of the keyboard cursor on a map in rows, or null. */
    private Cell cursorCell() {
        MapModel m = model.get();
        if (cursor == null || hilbert != null || m == null || rowStart == null || !m.extent().contains(cursor)) {
            return null;
        }
        return m.cellFrom(rowStart, level, m.positionOf(rowStart, level, cursor));
    }

    /** Moves the keyboard cursor by {@code cells} cells, scrolling its row into view. */
    private void moveCursor(long cells) {
        MapModel m = model.get();
        if (m == null || rowStart == null) {
            return;
        }
        BigInteger last = m.positions(rowStart, level).subtract(BigInteger.ONE);
        BigInteger at = cursor != null && m.extent().contains(cursor) ? m.positionOf(rowStart, level, cursor)
                : drawn.isEmpty() ? BigInteger.ZERO : m.positionOf(rowStart, level, drawn.get(0).span().first());
        BigInteger to = at.add(BigInteger.valueOf(cells)).max(BigInteger.ZERO).min(last);
        // positions before the pool's first address or after its last hold no cell: step on to one that does
        BigInteger step = BigInteger.valueOf(cells < 0 ? -1 : 1);
        Cell cell = m.cellFrom(rowStart, level, to);
        while (cell == null && to.signum() >= 0 && to.compareTo(last) <= 0) {
            to = to.add(step);
            cell = m.cellFrom(rowStart, level, to);
        }
        if (cell == null) {
            return;
        }
        cursor = cell.span().first();
        BigInteger row = to.divide(BigInteger.valueOf(columns));
        BigInteger rows = BigInteger.valueOf(visibleRows());
        if (row.compareTo(firstRow) < 0) {
            firstRow = row;
            rowsFitted = false;
        } else if (row.compareTo(firstRow.add(rows)) >= 0) {
            firstRow = row.subtract(rows).add(BigInteger.ONE);
            rowsFitted = false;
        }
        draw();
    }

    /** The window's render scale, followed as the window moves to another screen or is first shown. */
    private void followRenderScale() {
        javafx.beans.InvalidationListener rescale = o -> setPixelScale(renderScale());
        javafx.beans.value.ChangeListener<javafx.stage.Window> onWindow = (obs, old, now) -> {
            if (old != null) {
                old.renderScaleXProperty().removeListener(rescale);
            }
            if (now != null) {
                now.renderScaleXProperty().addListener(rescale);
            }
            rescale.invalidated(obs);
        };
        sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.windowProperty().removeListener(onWindow);
                onWindow.changed(old.windowProperty(), old.getWindow(), null);
            }
            if (now != null) {
                now.windowProperty().addListener(onWindow);
                onWindow.changed(now.windowProperty(), null, now.getWindow());
            }
        });
    }

    private double renderScale() {
        javafx.stage.Window window = getScene() == null ? null : getScene().getWindow();
        return window == null ? 1 : window.getRenderScaleX();
    }

    /** Device pixels per logical pixel the canvas is drawn at. */
    public double pixelScale() {
        return pixelScale;
    }

    private void setPixelScale(double scale) {
        double valid = scale > 0 && Double.isFinite(scale) ? scale : 1;
        if (valid == pixelScale) {
            return;
        }
        pixelScale = valid;
        toLogical.setX(1 / valid);
        toLogical.setY(1 / valid);
        frame = null;
        fitCanvas();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setTransform(pixelScale, 0, 0, pixelScale, 0, 0);
        MapModel m = model.get();
        if (m == null) {
            drawn = List.of();
            return;
        }
        if (hilbert != null) {
            drawHilbert(g, m);
            return;
        }
        if (rowStart == null) {
            layoutRows(m);
        }
        int rows = visibleRows();
        BigInteger firstPosition = firstRow.multiply(BigInteger.valueOf(columns));
        grid = new Cell[columns * rows];
        List<Cell> shown = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            grid[i] = m.cellFrom(rowStart, level, firstPosition.add(BigInteger.valueOf(i)));
            if (grid[i] != null) {
                shown.add(grid[i]);
            }
        }
        drawn = shown;
        BigInteger nextPosition = m.next() == null ? null : m.positionOf(rowStart, level, m.next());
        for (int i = 0; i < grid.length; i++) {
            Cell cell = grid[i];
            if (cell == null) {
                continue;
            }
            // edges snapped to whole device pixels: at 150 % a logical pixel is a pixel and a half, and an edge
            // between two device pixels is drawn blended into both
            double x = snap((i % columns) * (cellSize + GAP));
            double y = snap((i / columns) * (cellSize + GAP));
            double width = snap((i % columns) * (cellSize + GAP) + cellSize) - x;
            double height = snap((i / columns) * (cellSize + GAP) + cellSize) - y;
            g.setFill(paintFor(cell));
            g.fillRect(x, y, width, height);
            if (cell.changed()) {
                g.setStroke(CHANGED);
                g.setLineWidth(2);
                g.strokeRect(x + 1, y + 1, width - 2, height - 2);
            }
            if (cell.conflict() != null) {
                // the same corner the raster draws on large maps and in reports (MapRaster#conflictMark)
                double corner = snap(Math.round(cellSize * 0.6));
                g.setFill(conflict.get());
                g.fillPolygon(new double[] {x, x + corner, x}, new double[] {y, y, y + corner}, 3);
            }
            if (isFocused() && cursor != null && cell.span().contains(cursor)) {
                g.setStroke(CURSOR);
                g.setLineWidth(2);
                g.strokeRect(x + 1, y + 1, width - 2, height - 2);
            }
            if (nextPosition != null && nextPosition.equals(firstPosition.add(BigInteger.valueOf(i)))) {
                g.setStroke(next.get());
                g.setLineWidth(2);
                g.strokeRect(x + 1, y + 1, width - 2, height - 2);
            }
            if (cellSize >= 24 && cell.single() && cell.span().first().isIPv4()) {
                g.setFill(textOn(paintFor(cell)));
                g.setFont(Font.font(9));
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                int lastOctet = cell.span().first().value().intValue() & 0xff;
                g.fillText(String.valueOf(lastOctet), x + width / 2, y + height / 2);
            }
        }
    }

    /** A logical coordinate moved to the nearest whole device pixel. */
    private double snap(double logical) {
        return Math.round(logical * pixelScale) / pixelScale;
    }

    private void drawHilbert(GraphicsContext g, MapModel m) {
        int width = (int) Math.floor(getWidth());
        int height = (int) Math.floor(getHeight() - SCALE_LINE);
        drawn = List.of();
        if (viewport == null || width <= 0 || height <= 0) {
            return;
        }
        // rastered in device pixels, so the gap between cells is one device pixel and nothing is stretched
        int deviceWidth = (int) Math.floor(width * pixelScale);
        int deviceHeight = (int) Math.floor(height * pixelScale);
        HilbertViewport device = new HilbertViewport(viewport.level(), viewport.cellPx() * pixelScale,
                viewport.originX(), viewport.originY());
        MapRaster raster = MapRaster.hilbert(m, hilbert, device, deviceWidth, deviceHeight, palette());
        if (frame == null || frame.getWidth() != deviceWidth || frame.getHeight() != deviceHeight) {
            frame = new javafx.scene.image.WritableImage(deviceWidth, deviceHeight);
        }
        frame.getPixelWriter().setPixels(0, 0, deviceWidth, deviceHeight,
                javafx.scene.image.PixelFormat.getIntArgbInstance(), raster.pixels(), 0, deviceWidth);
        g.setImageSmoothing(false);
        g.drawImage(frame, 0, 0, deviceWidth / pixelScale, deviceHeight / pixelScale);
        g.setImageSmoothing(true);
        if (m.next() != null && hilbert.extent().contains(m.next())) {
            double[] at = pixelOf(m.next());
            double size = Math.max(6, viewport.cellPx());
            g.setStroke(next.get());
            g.setLineWidth(2);
            g.strokeRect(at[0] - size / 2, at[1] - size / 2, size, size);
        }
        g.setFill(textOn(outside.get()));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(scaleText(), 2, getHeight() - 2);
    }

    /** The words the map's tooltip shows now. */
    public String hoverText() {
        return tooltip.getText();
    }

    /** The cell under a point of the map, or null. */
    public Cell cellAt(javafx.geometry.Point2D point) {
        return cellAt(point.getX(), point.getY());
    }

    /** The centre of the cell holding an address, in the map's coordinates; null when it is not on screen. */
    public javafx.geometry.Point2D centreOf(Address address) {
        MapModel m = model.get();
        if (m == null || !m.extent().contains(address)) {
            return null;
        }
        if (hilbert != null) {
            double[] at = viewport == null ? null : pixelOf(address);
            return at == null ? null : new javafx.geometry.Point2D(at[0], at[1]);
        }
        BigInteger position = m.positionOf(rowStart, level, address)
                .subtract(firstRow.multiply(BigInteger.valueOf(columns)));
        if (position.signum() < 0 || position.compareTo(BigInteger.valueOf(grid.length)) >= 0) {
            return null;
        }
        int i = position.intValueExact();
        return new javafx.geometry.Point2D((i % columns) * (cellSize + GAP) + cellSize / 2,
                (i / columns) * (cellSize + GAP) + cellSize / 2);
    }

    /** Cells per row of a map in rows. */
    public int columns() {
        return columns;
    }

    /** What one cell stands for, in words: the map's scale bar. */
    public String scaleText() {
        if (hilbert == null || viewport == null) {
            return "";
        }
        int level = viewport.level();
        int prefix = (hilbert.extent().first().isIPv4() ? 32 : 128) - level;
        String addresses = level < 20 ? String.format("%,d", 1L << level) : "2^" + level;
        return "1 cell = " + (level == 0 ? "1 address" : "/" + prefix + " (" + addresses + " addresses)")
                + " · Hilbert layout: every CIDR block is a square";
    }

    private MapPalette palette() {
        return new MapPalette(argb(free.get()), argb(allocated.get()), argb(history.get()), argb(reserved.get()),
                argb(outside.get()), argb(next.get()), argb(CHANGED), 0x00000000, argb(conflict.get()));
    }

    private static int argb(Paint paint) {
        Color c = paint instanceof Color colour ? colour : Color.GRAY;
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    /** The operator's own view of a Hilbert map: drawn, and kept as it is when the window resizes. */
    private void moveTo(HilbertViewport next) {
        viewport = next;
        fitted = false;
        draw();
    }

    private void panBy(double dx, double dy) {
        if (hilbert != null && viewport != null) {
            moveTo(viewport.pan(dx, dy));
        }
    }

    private void onDrag(MouseEvent e) {
        panBy(dragX - e.getX(), dragY - e.getY());
        dragX = e.getX();
        dragY = e.getY();
    }

    private Paint paintFor(Cell cell) {
        return switch (cell.state()) {
            case FREE -> free.get();
            case HISTORY -> history.get();
            case RESERVED -> reserved.get();
            case OUTSIDE -> outside.get();
            case ALLOCATED -> cell.single() ? allocated.get() : blend((Color) free.get(), (Color) allocated.get(),
                    0.35 + 0.65 * cell.fill());
        };
    }

    /**
     * Words drawn on a colour: light on a dark one, dark on a light one. A fixed grey was unreadable on the dark
     * theme's cells.
     */
    private static Color textOn(Paint background) {
        Color c = background instanceof Color colour ? colour : Color.GRAY;
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance < 0.5 ? Color.web("#e6edf3") : Color.web("#57606a");
    }

    private static Color blend(Color from, Color to, double t) {
        return from.interpolate(to, t);
    }

    private Cell cellAt(double x, double y) {
        if (hilbert != null) {
            if (viewport == null) {
                return null;
            }
            long[] at = viewport.cellAt(x, y);
            Span span = hilbert.cell(viewport.level(), at[0], at[1]);
            return span == null ? null : model.get().describe(span);
        }
        int col = (int) (x / (cellSize + GAP));
        int row = (int) (y / (cellSize + GAP));
        if (col < 0 || col >= columns || row < 0) {
            return null;
        }
        int index = row * columns + col;
        return index < grid.length ? grid[index] : null;
    }

    private void onHover(MouseEvent e) {
        pointer = new javafx.geometry.Point2D(e.getX(), e.getY());
        Cell cell = cellAt(e.getX(), e.getY());
        tooltip.setText(cell == null ? "" : describe(cell));
        Cell focused = cursorCell();
        speak(focused != null ? focused : cell);
    }

    /** The words a tooltip shows for a cell. */
    public static String describe(Cell cell) {
        String conflict = cell.conflict() == null ? "" : "\nConflict: " + cell.conflict();
        if (cell.single()) {
            return cell.span().first() + "  " + cell.state().label()
                    + (cell.holder() == null ? "" : ": " + cell.holder()) + conflict;
        }
        return cell.span() + "  (" + cell.span().size() + " addresses)\n" + cell.allocated() + " allocated of "
                + cell.usable() + " usable" + conflict;
    }

    private void onClick(MouseEvent e) {
        requestFocus();
        Cell cell = cellAt(e.getX(), e.getY());
        if (cell == null) {
            return;
        }
        if (hilbert == null) {
            cursor = cell.span().first();
            draw();
        }
        act(cell, e.getClickCount() == 2);
    }

    /** What a click does on a cell, and Enter on the keyboard cursor's: a block zooms in, a holder is selected. */
    private void act(Cell cell, boolean zoom) {
        if (zoom && !cell.single()) {
            zoomIn(cell.span().first());
        } else if (cell.holder() != null && cell.state() == CellState.ALLOCATED) {
            onHolderSelected.accept(cell.holder());
        }
    }

    private void onScroll(ScrollEvent e) {
        if (hilbert != null) {
            if (e.getDeltaY() != 0) {
                zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX(), e.getY());
            }
            e.consume();
            return;
        }
        Cell cell = cellAt(e.getX(), e.getY());
        Address around = cell == null ? null : cell.span().first();
        if (e.getDeltaY() > 0) {
            zoomIn(around);
        } else if (e.getDeltaY() < 0) {
            zoomOut(around);
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        Address around = hilbert != null ? null : drawn.isEmpty() ? null : drawn.get(drawn.size() / 2).span().first();
        if (hilbert == null && model.get() != null) {
            // a map in rows has a keyboard cursor: the arrows move it cell by cell and row by row
            Cell focused = cursorCell();
            switch (e.getCode()) {
                case LEFT -> moveCursor(-1);
                case RIGHT -> moveCursor(1);
                case UP -> moveCursor(-columns);
                case DOWN -> moveCursor(columns);
                case PAGE_UP -> moveCursor(-(long) columns * visibleRows());
                case PAGE_DOWN -> moveCursor((long) columns * visibleRows());
                case ENTER, SPACE -> {
                    if (focused != null) {
                        act(focused, true);
                    }
                }
                default -> around = focused != null ? focused.span().first() : around;
            }
            switch (e.getCode()) {
                case LEFT, RIGHT, UP, DOWN, PAGE_UP, PAGE_DOWN, ENTER, SPACE -> {
                    e.consume();
                    return;
                }
                default -> { }
            }
        }
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoomIn(around);
            case MINUS, SUBTRACT -> zoomOut(around);
            case LEFT -> panBy(-40, 0);
            case RIGHT -> panBy(40, 0);
            case DOWN -> scroll(1);
            case UP -> scroll(-1);
            case PAGE_DOWN -> scroll(visibleRows());
            case PAGE_UP -> scroll(-visibleRows());
            case HOME -> reset();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void scroll(int rows) {
        MapModel m = model.get();
        if (m == null) {
            return;
        }
        if (hilbert != null) {
            panBy(0, viewport == null ? 0 : rows * viewport.cellPx() * 4);
            return;
        }
        BigInteger lastRow = m.positions(rowStart, level).subtract(BigInteger.ONE).divide(BigInteger.valueOf(columns));
        firstRow = firstRow.add(BigInteger.valueOf(rows)).max(BigInteger.ZERO).min(lastRow);
        rowsFitted = false;
        draw();
    }

    // --- CSS: the state colours ---

    private StyleableObjectProperty<Paint> colour(String name, Color initial) {
        CssMetaData<UtilisationMap, Paint> meta = METADATA_BY_NAME.get(name);
        return new javafx.css.SimpleStyleableObjectProperty<>(meta, this, name, initial);
    }

    private static final java.util.Map<String, CssMetaData<UtilisationMap, Paint>> METADATA_BY_NAME =
            new java.util.LinkedHashMap<>();
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_METADATA;

    static {
        Function<String, String> css = n -> "-" + n.replaceAll("([A-Z])", "-$1").toLowerCase();
        for (String name : List.of("mapFree", "mapAllocated", "mapHistory", "mapReserved", "mapOutside", "mapNext",
                "mapConflict")) {
            METADATA_BY_NAME.put(name, new CssMetaData<>(css.apply(name), PaintConverter.getInstance()) {
                @Override
                public boolean isSettable(UtilisationMap map) {
                    return !map.property(name).isBound();
                }

                @Override
                public StyleableProperty<Paint> getStyleableProperty(UtilisationMap map) {
                    return map.property(name);
                }
            });
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(METADATA_BY_NAME.values());
        CSS_METADATA = Collections.unmodifiableList(all);
    }

    private StyleableObjectProperty<Paint> property(String name) {
        return switch (name) {
            case "mapFree" -> free;
            case "mapAllocated" -> allocated;
            case "mapHistory" -> history;
            case "mapReserved" -> reserved;
            case "mapOutside" -> outside;
            case "mapConflict" -> conflict;
            default -> next;
        };
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_METADATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_METADATA;
    }

    /** The colour of the mark on addresses in conflict, as the theme's CSS sets it, for the legend. */
    public javafx.beans.value.ObservableValue<Paint> conflictPaintProperty() {
        return conflict;
    }

    /** The colour of a state as the theme's CSS sets it, followed as the theme changes (the legend binds to it). */
    public javafx.beans.value.ObservableValue<Paint> paintProperty(CellState state) {
        return switch (state) {
            case FREE -> free;
            case ALLOCATED -> allocated;
            case HISTORY -> history;
            case RESERVED -> reserved;
            case OUTSIDE -> outside;
        };
    }

    public Paint paint(CellState state) {
        return switch (state) {
            case FREE -> free.get();
            case ALLOCATED -> allocated.get();
            case HISTORY -> history.get();
            case RESERVED -> reserved.get();
            case OUTSIDE -> outside.get();
        };
    }
}
