package io.pooldesk.views.shell;

import io.pooldesk.views.common.Navigator;
import io.pooldesk.views.common.Page;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.List;

/**
 * The window's pages, in the order they are listed: their tabs, their View menu items with Shortcut+1..9, and the
 * way one page brings another to the front. Nothing else addresses a page by its position.
 */
public final class PageRegistry implements Navigator {
    private final List<Page> pages = new ArrayList<>();
    private final TabPane tabs = new TabPane();
    /** The page a link was followed from, while its target is in front; null otherwise. */
    private final ReadOnlyObjectWrapper<Page> cameFrom = new ReadOnlyObjectWrapper<>(this, "cameFrom");
    private Page linkedTo;

    public PageRegistry() {
        // the way back lasts while the operator stays on the page the link led to
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, tab) -> {
            if (tab == null || tab.getUserData() != linkedTo) {
                linkedTo = null;
                cameFrom.set(null);
            }
        });
    }

    /** Adds a page after the others. */
    public <P extends Page> P add(P page) {
        if (pages.stream().anyMatch(p -> p.getClass() == page.getClass() || p.id().equals(page.id()))) {
            throw new IllegalArgumentException("the page " + page.id() + " is listed twice");
        }
        pages.add(page);
        Tab tab = new Tab(page.title(), page.view());
        tab.setId("page-" + page.id());
        tab.setClosable(false);
        tab.setUserData(page);
        tabs.getTabs().add(tab);
        return page;
    }

    public List<Page> pages() {
        return List.copyOf(pages);
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The page of that type. */
    public <P extends Page> P page(Class<P> type) {
        return pages.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + type.getSimpleName()));
    }

    /** The page shown now. */
    public Page current() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == null ? null : (Page) tab.getUserData();
    }

    /** Follows a link: brings the page to the front and remembers the page in front before, for {@link #back()}. */
    @Override
    public <P extends Page> P show(Class<P> type) {
        Page from = current();
        P page = bringToFront(type);
        if (from != null && from != page) {
            linkedTo = page;
            cameFrom.set(from);
        }
        return page;
    }

    /** Brings the page of that type to the front, as its tab or menu item does (no way back is kept). */
    public <P extends Page> P bringToFront(Class<P> type) {
        P page = page(type);
        tabs.getTabs().stream().filter(t -> t.getUserData() == page).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        return page;
    }

    /** The page the link to the page in front was followed from, or null when it was not reached by a link. */
    public ReadOnlyObjectProperty<Page> cameFromProperty() {
        return cameFrom.getReadOnlyProperty();
    }

    /** Goes back to the page a link was followed from; nothing when there is none. */
    public void back() {
        Page from = cameFrom.get();
        if (from != null) {
            bringToFront(from.getClass());
        }
    }

    /** One View menu item per page, Shortcut+1 for the first. */
    public List<MenuItem> menuItems() {
        List<MenuItem> items = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            MenuItem item = new MenuItem("_" + page.title());
            item.setId("menu-page-" + page.id());
            if (i < 9) {
                item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
            }
            item.setOnAction(e -> bringToFront(page.getClass()));
            items.add(item);
        }
        return items;
    }
}
