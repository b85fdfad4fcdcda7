package io.pooldesk.views.map;

import io.pooldesk.model.address.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a map into a buffer of ARGB pixels, without JavaFX: the window's big maps put the buffer on the screen in
 * one call, and reports write it as a PNG. Each visible cell is described once, whatever its size in pixels.
 */
public final class MapRaster {
    private final int width;
    private final int height;
    private final int[] pixels;
    private final List<Cell> cells = new ArrayList<>();

    private MapRaster(int width, int height, int background) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
        java.util.Arrays.fill(pixels, background);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int[] pixels() {
        return pixels;
    }

    /** The cells drawn, for hit-testing and tests. */
    public List<Cell> cells() {
        return cells;
    }

    /** The part of a Hilbert layout a viewport shows. */
    public static MapRaster hilbert(MapModel model, HilbertLayout layout, HilbertViewport view, int width, int height,
                                    MapPalette palette) {
        MapRaster raster = new MapRaster(width, height, palette.background());
        int level = view.level();
        long columns = layout.columns(level);
        long rows = layout.rows(level);
        long firstX = Math.max(0, (long) Math.floor(view.originX()));
        long firstY = Math.max(0, (long) Math.floor(view.originY()));
        long lastX = Math.min(columns - 1, (long) Math.floor(view.originX() + width / view.cellPx()));
        long lastY = Math.min(rows - 1, (long) Math.floor(view.originY() + height / view.cellPx()));
        boolean gap = view.cellPx() >= 6;
        for (long y = firstY; y <= lastY; y++) {
            for (long x = firstX; x <= lastX; x++) {
                Span span = layout.cell(level, x, y);
                if (span == null) {
                    continue;
                }
                Cell cell = model.describe(span);
                raster.cells.add(cell);
                int x0 = (int) Math.round((x - view.originX()) * view.cellPx());
                int y0 = (int) Math.round((y - view.originY()) * view.cellPx());
                int x1 = (int) Math.round((x + 1 - view.originX()) * view.cellPx()) - (gap ? 1 : 0);
                int y1 = (int) Math.round((y + 1 - view.originY()) * view.cellPx()) - (gap ? 1 : 0);
                raster.fill(x0, y0, Math.max(x1, x0 + 1), Math.max(y1, y0 + 1), palette.colour(cell));
                if (cell.changed() && x1 - x0 >= 4) {
                    raster.outline(x0, y0, x1, y1, palette.changed());
                }
            }
        }
        return raster;
    }

    /** A whole small pool in rows of {@code columns} cells of {@code cellPx} pixels, in address order. */
    public static MapRaster rows(MapModel model, int columns, int cellPx, MapPalette palette) {
        int count = model.cellCount(0).intValueExact();
        int rowCount = (count + columns - 1) / columns;
        MapRaster raster = new MapRaster(columns * cellPx, rowCount * cellPx, palette.background());
        List<Cell> all = model.cells(0, java.math.BigInteger.ZERO, count);
        for (int i = 0; i < all.size(); i++) {
            Cell cell = all.get(i);
            raster.cells.add(cell);
            int x0 = (i % columns) * cellPx;
            int y0 = (i / columns) * cellPx;
            raster.fill(x0, y0, x0 + cellPx - 1, y0 + cellPx - 1, palette.colour(cell));
            if (cell.changed()) {
                raster.outline(x0, y0, x0 + cellPx - 1, y0 + cellPx - 1, palette.changed());
            }
        }
        return raster;
    }

    private void fill(int x0, int y0, int x1, int y1, int argb) {
        int left = Math.max(0, x0);
        int right = Math.min(width, x1);
        int top = Math.max(0, y0);
        int bottom = Math.min(height, y1);
        for (int y = top; y < bottom; y++) {
            java.util.Arrays.fill(pixels, y * width + left, y * width + Math.max(left, right), argb);
        }
    }

    void outline(int x0, int y0, int x1, int y1, int argb) {
        fill(x0, y0, x1, y0 + 1, argb);
        fill(x0, y1 - 1, x1, y1, argb);
        fill(x0, y0, x0 + 1, y1, argb);
        fill(x1 - 1, y0, x1, y1, argb);
    }
}
