package io.pooldesk.views.report;

import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.map.HilbertLayout;
import io.pooldesk.views.map.HilbertViewport;
import io.pooldesk.views.map.MapModel;
import io.pooldesk.views.map.MapPalette;
import io.pooldesk.views.map.MapRaster;
import io.pooldesk.views.map.UtilisationMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * A pool's whole map as a PNG, drawn without a window (AWT's image encoder only, no fonts), so the command line
 * writes the same picture the window shows: rows of cells for small pools, the Hilbert layout beyond.
 */
public final class MapPicture {
    private static final int HILBERT_SIDE = 512;

    private MapPicture() {
    }

    public static MapRaster raster(PoolSummary pool) {
        MapModel model = MapModel.of(pool);
        if (pool.extent().size().compareTo(BigInteger.valueOf(UtilisationMap.ROWS_UP_TO)) <= 0) {
            int count = pool.extent().size().intValueExact();
            int columns = count <= 256 ? 16 : 64;
            return MapRaster.rows(model, columns, count <= 256 ? 20 : 10, MapPalette.LIGHT);
        }
        HilbertLayout layout = new HilbertLayout(pool.extent());
        int width = HILBERT_SIDE * layout.squares();
        HilbertViewport view = HilbertViewport.fit(layout, width, HILBERT_SIDE);
        return MapRaster.hilbert(model, layout, view, width, HILBERT_SIDE, MapPalette.LIGHT);
    }

    public static byte[] png(PoolSummary pool) {
        MapRaster raster = raster(pool);
        BufferedImage image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, raster.width(), raster.height(), raster.pixels(), 0, raster.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file name for a pool's picture: {@code namespace-name.png}, or {@code name.png} when cluster-scoped. */
    public static String fileName(PoolSummary pool) {
        String base = (pool.namespace() == null || pool.namespace().isEmpty() ? "" : pool.namespace() + "-")
                + pool.name();
        return base.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }
}
