package io.pooldesk.views.common;

import javafx.scene.Node;

/**
 * One page of the window (IP Pools, Load Balancers, ...). The window lists its pages once, in order; menus, shortcuts
 * and links between pages find a page through that list, never by its position.
 */
public interface Page {

    /** A short stable name: the page's tab is {@code page-<id>}. */
    String id();

    /** The title of its tab and of its View menu item. */
    String title();

    /** The page's view, built once. */
    Node view();
}
