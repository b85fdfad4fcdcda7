package io.pooldesk.views.map;

/** What a cell of the utilisation map shows, with the style class its colour comes from. */
public enum CellState {
    FREE("free", "Free"),
    ALLOCATED("allocated", "Allocated"),
    HISTORY("history", "In history"),
    RESERVED("reserved", "Gateway, excluded or reserved"),
    OUTSIDE("outside", "Outside the ranges");

    private final String styleClass;
    private final String label;

    CellState(String styleClass, String label) {
        this.styleClass = styleClass;
        this.label = label;
    }

    public String styleClass() {
        return "map-" + styleClass;
    }

    public String label() {
        return label;
    }
}
