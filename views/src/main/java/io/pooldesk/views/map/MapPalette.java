package io.pooldesk.views.map;

/**
 * The colours of the map as packed ARGB, so that pictures can be made without JavaFX (a PNG from the command line)
 * and drawn a pixel buffer at a time in the window.
 */
public record MapPalette(int free, int allocated, int history, int reserved, int outside, int next, int changed,
                         int background, int conflict) {

    /** The light theme's colours, for reports. */
    public static final MapPalette LIGHT = new MapPalette(0xffaceebb, 0xff0969da, 0xffbf8700, 0xff6e7781,
            0xfff6f8fa, 0xffcf222e, 0xff8250df, 0xffffffff, 0xfff3622d);

    public int colour(CellState state) {
        return switch (state) {
            case FREE -> free;
            case ALLOCATED -> allocated;
            case HISTORY -> history;
            case RESERVED -> reserved;
            case OUTSIDE -> outside;
        };
    }

    /** A single allocated address takes the full colour; a block is shaded from free to allocated by its fill. */
    public int colour(Cell cell) {
        if (cell.state() == CellState.ALLOCATED && !cell.single()) {
            return blend(free, allocated, 0.35 + 0.65 * cell.fill());
        }
        return colour(cell.state());
    }

    static int blend(int from, int to, double t) {
        int r = mix((from >> 16) & 0xff, (to >> 16) & 0xff, t);
        int g = mix((from >> 8) & 0xff, (to >> 8) & 0xff, t);
        int b = mix(from & 0xff, to & 0xff, t);
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
