package io.pooldesk.views.map;

import io.pooldesk.model.address.Span;

import java.util.List;

/**
 * Draws a map into a buffer of ARGB pixels, without JavaFX: the window's big maps put the buffer on the screen in
 * one call, and reports write it as a PNG. Each visible cell is described once, whatever its size in pixels.
 */
public final class MapRaster {
    private final int width;
    private final int height;
    private final int[] pixels;
    private int cellsDrawn;

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

    /** How many cells the picture shows. */
    public int cellsDrawn() {
        return cellsDrawn;
    }

    /**
     * The part of a Hilbert layout a viewport shows. The visible cells are visited in address order (a walk down
     * the curve's quadrants, skipping those off screen), so one forward sweep through the pool's addresses colours
     * them all.
     */
    public static MapRaster hilbert(MapModel model, HilbertLayout layout, HilbertViewport view, int width, int height,
                                    MapPalette palette) {
        MapIndex index = model.index(layout.rootFirst());
        if (index == null) {
            return hilbertBySpans(model, layout, view, width, height, palette);
        }
        return new HilbertSweep(model, layout, view, width, height, palette, index.cursor()).run();
    }

    /** The same picture, each cell described on its own: for ranges beyond 2^64 addresses, and to check the sweep. */
    static MapRaster hilbertBySpans(MapModel model, HilbertLayout layout, HilbertViewport view, int width, int height,
                                    MapPalette palette) {
        MapRaster raster = new MapRaster(width, height, palette.background());
        int level = view.level();
        long[] bounds = visible(layout, view, width, height);
        boolean gap = view.cellPx() >= 6;
        for (long y = bounds[1]; y <= bounds[3]; y++) {
            for (long x = bounds[0]; x <= bounds[2]; x++) {
                Span span = layout.cell(level, x, y);
                if (span == null) {
                    continue;
                }
                Cell cell = model.describe(span);
                raster.paint(view, x, y, gap, palette.colour(cell), cell.changed(), cell.conflict() != null, palette);
            }
        }
        return raster;
    }

    /** {firstX, firstY, lastX, lastY}: the cells of the layout at least partly in view. */
    public static long[] visible(HilbertLayout layout, HilbertViewport view, int width, int height) {
        int level = view.level();
        return new long[] {
                Math.max(0, (long) Math.floor(view.originX())),
                Math.max(0, (long) Math.floor(view.originY())),
                Math.min(layout.columns(level) - 1, (long) Math.floor(view.originX() + width / view.cellPx())),
                Math.min(layout.rows(level) - 1, (long) Math.floor(view.originY() + height / view.cellPx()))};
    }

    void paint(HilbertViewport view, long x, long y, boolean gap, int argb, boolean changed, boolean conflict,
               MapPalette palette) {
        cellsDrawn++;
        int x0 = (int) Math.round((x - view.originX()) * view.cellPx());
        int y0 = (int) Math.round((y - view.originY()) * view.cellPx());
        int x1 = (int) Math.round((x + 1 - view.originX()) * view.cellPx()) - (gap ? 1 : 0);
        int y1 = (int) Math.round((y + 1 - view.originY()) * view.cellPx()) - (gap ? 1 : 0);
        fill(x0, y0, Math.max(x1, x0 + 1), Math.max(y1, y0 + 1), argb);
        if (changed && x1 - x0 >= 4) {
            outline(x0, y0, x1, y1, palette.changed());
        }
        if (conflict) {
            conflictMark(x0, y0, Math.max(x1, x0 + 1), Math.max(y1, y0 + 1), palette.conflict());
        }
    }

    /**
     * A cell in conflict: its top-left half-square in the conflict colour, which no state colour or outline uses; a
     * cell too small to show a corner is filled whole, so a conflict stays visible on a zoomed-out map.
     */
    void conflictMark(int x0, int y0, int x1, int y1, int argb) {
        int side = Math.min(x1 - x0, y1 - y0);
        if (side < 6) {
            fill(x0, y0, x1, y1, argb);
            return;
        }
        int corner = (side * 3 + 3) / 5;
        for (int row = 0; row < corner; row++) {
            fill(x0, y0 + row, x0 + corner - row, y0 + row + 1, argb);
        }
    }

    /** The visible cells in address order, coloured by one cursor. */
    private static final class HilbertSweep {
        private final MapRaster raster;
        private final HilbertLayout layout;
        private final HilbertViewport view;
        private final MapPalette palette;
        private final MapIndex.Cursor cursor;
        private final int level;
        private final int order;
        private final long[] bounds;
        private final boolean gap;
        private final long extentLo;
        private final long extentHi;
        private final long cellLast;
        /** The conflict marks as offsets from the layout's first address, in address order. */
        private final long[] conflictLo;
        private final long[] conflictHi;
        private int conflictAt;

        HilbertSweep(MapModel model, HilbertLayout layout, HilbertViewport view, int width, int height,
                     MapPalette palette, MapIndex.Cursor cursor) {
            this.raster = new MapRaster(width, height, palette.background());
            this.layout = layout;
            this.view = view;
            this.palette = palette;
            this.cursor = cursor;
            this.level = view.level();
            this.order = layout.order(level);
            this.bounds = visible(layout, view, width, height);
            this.gap = view.cellPx() >= 6;
            this.extentLo = model.extent().first().value().subtract(layout.rootFirst()).longValue();
            this.extentHi = model.extent().last().value().subtract(layout.rootFirst()).longValue();
            this.cellLast = level == 64 ? -1L : (1L << level) - 1;
            List<MapModel.ConflictMark> marks = model.conflicts();
            this.conflictLo = new long[marks.size()];
            this.conflictHi = new long[marks.size()];
            for (int i = 0; i < marks.size(); i++) {
                conflictLo[i] = marks.get(i).span().first().value().subtract(layout.rootFirst()).longValue();
                conflictHi[i] = marks.get(i).span().last().value().subtract(layout.rootFirst()).longValue();
            }
        }

        /** Whether a conflict mark meets the cell from {@code from} to {@code to}; cells come in address order. */
        private boolean conflictIn(long from, long to) {
            while (conflictAt < conflictLo.length && Long.compareUnsigned(conflictHi[conflictAt], from) < 0) {
                conflictAt++;
            }
            for (int i = conflictAt; i < conflictLo.length && Long.compareUnsigned(conflictLo[i], to) <= 0; i++) {
                if (Long.compareUnsigned(conflictHi[i], from) >= 0) {
                    return true;
                }
            }
            return false;
        }

        MapRaster run() {
            for (int square = 0; square < layout.squares(); square++) {
                visit(square, 0, 0);
            }
            return raster;
        }

        /** A quadrant at {@code depth} below a square: {@code prefix} holds its curve digits so far. */
        private void visit(int square, int depth, long prefix) {
            int shift = order - depth;
            long[] corner = HilbertCurve.point(depth, prefix);
            long x0 = (corner[0] << shift) + ((long) square << order);
            long y0 = corner[1] << shift;
            long side = 1L << shift;
            if (x0 > bounds[2] || x0 + side - 1 < bounds[0] || y0 > bounds[3] || y0 + side - 1 < bounds[1]) {
                return;
            }
            // the quadrant's offsets: its first cell, times the addresses per cell; the curve's last digits are 0
            long firstCell = ((long) square << (2 * order)) + (prefix << (2 * shift));
            long lastCell = firstCell + (shift == 32 ? -1L : (1L << (2 * shift)) - 1);
            long lo = firstCell << level;
            long hi = (lastCell << level) + cellLast;
            if (Long.compareUnsigned(hi, extentLo) < 0 || Long.compareUnsigned(lo, extentHi) > 0) {
                return;
            }
            if (shift == 0) {
                long from = Long.compareUnsigned(lo, extentLo) < 0 ? extentLo : lo;
                long to = Long.compareUnsigned(hi, extentHi) > 0 ? extentHi : hi;
                CellState state = cursor.state(from, to);
                int colour = state == CellState.ALLOCATED && from != to
                        ? MapPalette.blend(palette.free(), palette.allocated(), 0.35 + 0.65 * cursor.fill)
                        : palette.colour(state);
                raster.paint(view, x0, y0, gap, colour, cursor.changedHere, conflictIn(from, to), palette);
                return;
            }
            for (int child = 0; child < 4; child++) {
                visit(square, depth + 1, (prefix << 2) | child);
            }
        }
    }

    /**
     * A whole small pool in rows of {@code columns} cells of {@code cellPx} pixels, in address order; with a power of
     * two as columns the rows keep /24 boundaries (cells before the pool's first address in its first row are blank).
     */
    public static MapRaster rows(MapModel model, int columns, int cellPx, MapPalette palette) {
        io.pooldesk.model.address.Address start = model.rowStart(0, columns);
        int count = model.positions(start, 0).intValueExact();
        int rowCount = (count + columns - 1) / columns;
        MapRaster raster = new MapRaster(columns * cellPx, rowCount * cellPx, palette.background());
        for (int i = 0; i < count; i++) {
            Cell cell = model.cellFrom(start, 0, java.math.BigInteger.valueOf(i));
            if (cell == null) {
                continue;
            }
            raster.cellsDrawn++;
            int x0 = (i % columns) * cellPx;
            int y0 = (i / columns) * cellPx;
            raster.fill(x0, y0, x0 + cellPx - 1, y0 + cellPx - 1, palette.colour(cell));
            if (cell.changed()) {
                raster.outline(x0, y0, x0 + cellPx - 1, y0 + cellPx - 1, palette.changed());
            }
            if (cell.conflict() != null) {
                raster.conflictMark(x0, y0, x0 + cellPx - 1, y0 + cellPx - 1, palette.conflict());
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
