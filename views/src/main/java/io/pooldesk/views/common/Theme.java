package io.pooldesk.views.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look: AtlantaFX Primer, light or dark, plus Pooldesk's own stylesheet. */
public final class Theme {
    private Theme() {
    }

    private static boolean dark;

    /** Whether the dark theme is on: dialogs opened later take the same look. */
    public static boolean dark() {
        return dark;
    }

    /** Applies the current theme to a scene (a dialog's, say). */
    public static void apply(Scene scene) {
        apply(scene, dark);
    }

    public static void apply(Scene scene, boolean dark) {
        Theme.dark = dark;
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        String own = Theme.class.getResource("/io/pooldesk/views/pooldesk.css").toExternalForm();
        if (!scene.getStylesheets().contains(own)) {
            scene.getStylesheets().add(own);
        }
    }
}
