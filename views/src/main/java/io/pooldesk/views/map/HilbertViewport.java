package io.pooldesk.views.map;

/**
 * What part of a Hilbert layout is on screen: the level (addresses per cell, as a power of two), the size of a cell
 * in pixels (continuous, so zooming is smooth between levels), and the cell coordinates at the top-left pixel.
 */
public record HilbertViewport(int level, double cellPx, double originX, double originY) {
    /** Below this a level's cells are merged into the next coarser level; above twice this they split. */
    public static final double MIN_CELL_PX = 2.5;

    /** The whole layout centred in {@code width x height} pixels, at the finest level that still fits. */
    public static HilbertViewport fit(HilbertLayout layout, double width, double height) {
        int level = layout.coarsestLevel();
        double px = Math.min(width / layout.columns(level), height / layout.rows(level));
        while (level - 2 >= layout.finestLevel() && px / 2 >= MIN_CELL_PX) {
            level -= 2;
            px /= 2;
        }
        px = Math.min(px, 48);
        double originX = -(width / px - layout.columns(level)) / 2;
        double originY = -(height / px - layout.rows(level)) / 2;
        return new HilbertViewport(level, px, originX, originY);
    }

    /** Zoomed by {@code factor} (above 1: in) keeping the point under pixel (px, py) where it is. */
    public HilbertViewport zoom(HilbertLayout layout, double factor, double px, double py) {
        double worldX = originX + px / cellPx;
        double worldY = originY + py / cellPx;
        int newLevel = level;
        double size = cellPx * factor;
        while (size > MIN_CELL_PX * 8 && newLevel - 2 >= layout.finestLevel()) {
            newLevel -= 2;
            size /= 2;
            worldX *= 2;
            worldY *= 2;
        }
        while (size < MIN_CELL_PX && newLevel + 2 <= layout.coarsestLevel()) {
            newLevel += 2;
            size *= 2;
            worldX /= 2;
            worldY /= 2;
        }
        if (newLevel == layout.finestLevel()) {
            size = Math.min(size, 64);
        }
        if (newLevel == layout.coarsestLevel()) {
            size = Math.max(size, 48.0 / layout.rows(newLevel));
        }
        return new HilbertViewport(newLevel, size, worldX - px / size, worldY - py / size);
    }

    /** The same zoom, moved so that the centre of a cell sits at pixel (px, py). */
    public HilbertViewport placing(long[] cell, double px, double py) {
        return new HilbertViewport(level, cellPx, cell[0] + 0.5 - px / cellPx, cell[1] + 0.5 - py / cellPx);
    }

    /**
     * Zoomed by {@code factor} towards the cell holding an address of the layout, which ends under pixel (px, py):
     * zooming around a fixed point would let it drift, since each level's cell centre sits a little off its parent's.
     */
    public HilbertViewport zoomTowards(HilbertLayout layout, io.pooldesk.model.address.Address address, double factor,
                                       double px, double py) {
        HilbertViewport view = this;
        for (double left = factor; left > 1.0001; left /= Math.min(2, left)) {
            view = view.zoom(layout, Math.min(2, left), px, py);
            view = view.placing(layout.position(view.level(), address), px, py);
        }
        return view;
    }

    public HilbertViewport pan(double dxPx, double dyPx) {
        return new HilbertViewport(level, cellPx, originX + dxPx / cellPx, originY + dyPx / cellPx);
    }

    /** The cell {column, row} under a pixel. */
    public long[] cellAt(double px, double py) {
        return new long[] {(long) Math.floor(originX + px / cellPx), (long) Math.floor(originY + py / cellPx)};
    }
}
