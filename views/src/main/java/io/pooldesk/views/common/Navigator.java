package io.pooldesk.views.common;

/**
 * Brings a page to the front: how one page links to another without knowing where the window shows it. A link
 * remembers the page it was followed from, so the window can offer the way back.
 */
public interface Navigator {

    /** Follows a link to the page of that type and returns it, so the caller can point it at something. */
    <P extends Page> P show(Class<P> page);
}
