package io.pooldesk.views.pools.editor;

import javafx.scene.Node;
import javafx.scene.control.Tab;

import java.util.List;

/**
 * A kind's controls inside the shared form frame ({@link PoolFormView}).
 *
 * @param basics the fields above the tabs (Name first)
 * @param tabs   the tabs, each with an id such as {@code tab-range}
 * @param footer shown under the tabs, above the preview; may be null
 */
public record PoolFormParts(Node basics, List<Tab> tabs, Node footer) {
}
