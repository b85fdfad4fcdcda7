package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map on a HiDPI screen (render scale 2) holds two device pixels per logical pixel, so the one-pixel gap between
 * two cells is two whole device pixels of background between cells of their own colour, not a blurred stretch of a
 * picture drawn at half the screen's resolution. Monocle's screen is at scale 1, so the window's render scale is
 * set as the screen's output scale would set it.
 */
@ExtendWith(ApplicationExtension.class)
class MapPixelScaleTest {
    private UtilisationMap map;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        String yaml = """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: edge}
                spec:
                  ranges: [{subnet: 10.40.0.0/24}]
                  selector: {scope: [{namespace: default}]}
                """;
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(ManifestReader.parse("pools.yaml", yaml).manifests());
        map = new UtilisationMap();
        map.setModel(MapModel.of(analysis.pools().get(0)));
        stage.setScene(new Scene(map, 400, 400));
        stage.sizeToScene();
        stage.show();
    }

    /** TestFX hands every test class the same stage: the window tests after this one run at scale 1 again. */
    @AfterEach
    void backToScaleOne(FxRobot robot) {
        robot.interact(() -> {
            stage.setRenderScaleX(1);
            stage.setRenderScaleY(1);
        });
    }

    @Test
    void atRenderScaleTwoTheCanvasHoldsDevicePixelsAndCellBordersLandOnThem(FxRobot robot) throws Exception {
        Address left = Address.parse("10.40.0.68");
        Address right = Address.parse("10.40.0.69");
        robot.interact(() -> {
            stage.setRenderScaleX(2);
            stage.setRenderScaleY(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Canvas canvas = (Canvas) map.getChildrenUnmodifiable().get(0);
        assertEquals(2 * map.getWidth(), canvas.getWidth(), "the canvas is sized in device pixels");
        assertEquals(2 * map.getHeight(), canvas.getHeight());
        assertEquals(map.getWidth(), canvas.getBoundsInParent().getWidth(), 0.001, "and shown at the map's size");

        Image[] picture = new Image[1];
        Point2D[] centres = new Point2D[2];
        robot.interact(() -> {
            centres[0] = map.centreOf(left);
            centres[1] = map.centreOf(right);
            SnapshotParameters at2 = new SnapshotParameters();
            at2.setTransform(new Scale(2, 2));
            picture[0] = map.snapshot(at2, null);
        });
        double pitch = centres[1].getX() - centres[0].getX();
        int cell = (int) Math.round(pitch) - 1;
        int border = (int) Math.round(2 * (centres[0].getX() + cell / 2.0));
        int y = (int) Math.round(2 * centres[0].getY());
        var pixels = picture[0].getPixelReader();
        int free = pixels.getArgb(border - 1, y);
        assertEquals(argb(map.paint(CellState.FREE)), free, "the last device pixel of 10.40.0.68 is its colour");
        // a /24 is 16 cells a row: right of them lies the map's background, the colour of the gap between cells
        int background = pixels.getArgb((int) picture[0].getWidth() - 2, y);
        assertNotEquals(free, background);
        assertEquals(background, pixels.getArgb(border, y), "the gap starts on a device pixel");
        assertEquals(background, pixels.getArgb(border + 1, y), "and is two device pixels wide");
        assertEquals(free, pixels.getArgb(border + 2, y), "10.40.0.69 starts whole on the next device pixel");
    }

    /**
     * At a fractional render scale (150 %, common on laptops) a cell's edges still fall on whole device pixels: along
     * a row of free cells every device pixel is either the free colour or the background, never a blend of both.
     */
    @Test
    void atRenderScaleOneAndAHalfCellEdgesFallOnWholeDevicePixels(FxRobot robot) {
        robot.interact(() -> {
            stage.setRenderScaleX(1.5);
            stage.setRenderScaleY(1.5);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Image[] picture = new Image[1];
        robot.interact(() -> {
            SnapshotParameters at = new SnapshotParameters();
            at.setTransform(new Scale(1.5, 1.5));
            picture[0] = map.snapshot(at, null);
        });
        var pixels = picture[0].getPixelReader();
        int free = argb(map.paint(CellState.FREE));
        int width = (int) picture[0].getWidth();
        int background = pixels.getArgb(width - 2, 0);
        for (int y : new int[] {(int) (picture[0].getHeight() / 3), (int) (picture[0].getHeight() / 3) + 1}) {
            for (int x = 0; x < width; x++) {
                int p = pixels.getArgb(x, y);
                if (p != free && p != background) {
                    assertEquals(Integer.toHexString(free), Integer.toHexString(p), "device pixel " + x + "," + y);
                }
            }
        }
    }

    /**
     * A Hilbert map is rastered at the device's resolution too: zoomed in until its cells have gaps, some gap is one
     * device pixel wide. A raster at the logical resolution, enlarged, makes every run of every colour an even
     * number of device pixels.
     */
    @Test
    void atRenderScaleTwoAHilbertMapIsRasteredInDevicePixels(FxRobot robot) throws Exception {
        String yaml = """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: wide}
                spec:
                  ranges: [{subnet: 10.50.0.0/16}]
                  selector: {scope: [{namespace: default}]}
                """;
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(ManifestReader.parse("pools.yaml", yaml).manifests());
        Image[] picture = new Image[1];
        robot.interact(() -> {
            map.setModel(MapModel.of(analysis.pools().get(0)));
            stage.setRenderScaleX(2);
            stage.setRenderScaleY(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            map.zoomAt(8, 100, 100);
            SnapshotParameters at2 = new SnapshotParameters();
            at2.setTransform(new Scale(2, 2));
            picture[0] = map.snapshot(at2, null);
        });
        assertTrue(map.hilbertMode() && map.viewport().cellPx() >= 6, "cells with gaps: " + map.viewport());
        var pixels = picture[0].getPixelReader();
        int y = (int) (picture[0].getHeight() / 3) | 1;
        int oddRuns = 0;
        int run = 1;
        for (int x = 1; x < (int) picture[0].getWidth() - 40; x++) {
            if (pixels.getArgb(x, y) == pixels.getArgb(x - 1, y)) {
                run++;
            } else {
                oddRuns += run % 2;
                run = 1;
            }
        }
        assertTrue(oddRuns > 0, "every run of colour along a row is an even number of device pixels");
    }

    private static int argb(javafx.scene.paint.Paint paint) {
        Color c = (Color) paint;
        return 0xff << 24 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
