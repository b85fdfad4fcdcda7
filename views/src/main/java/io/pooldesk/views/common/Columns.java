package io.pooldesk.views.common;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.function.Function;

/** Table columns every page builds the same way. */
public final class Columns {
    private Columns() {
    }

    /** A read-only column of text worked out from each row. */
    public static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /**
     * A column of text that may be longer than the column (a pending reason in the controller's words): the cell
     * ends in an ellipsis, and its tooltip gives the whole text.
     */
    public static <T> TableColumn<T, String> longText(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = text(title, value, width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean blank = empty || text == null || text.isEmpty();
                setText(blank ? null : text);
                if (blank) {
                    setTooltip(null);
                } else {
                    Tooltip whole = getTooltip() != null ? getTooltip() : new Tooltip();
                    whole.setText(text);
                    whole.setWrapText(true);
                    whole.setMaxWidth(520);
                    setTooltip(whole);
                }
            }
        });
        return column;
    }

    /**
     * A column of text shown compactly (a first range and how many more, a count in thousands) whose tooltip gives it
     * whole: worked out when the tooltip is about to show, so rows that nobody points at cost nothing.
     */
    public static <T> TableColumn<T, String> textWithWhole(String title, Function<T, String> value,
                                                          Function<T, String> whole, double width) {
        TableColumn<T, String> column = text(title, value, width);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(520);
                tip.setOnShowing(e -> {
                    T row = getTableRow() == null ? null : getTableRow().getItem();
                    tip.setText(row == null ? getText() : whole.apply(row));
                });
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean blank = empty || text == null || text.isEmpty();
                setText(blank ? null : text);
                setTooltip(blank ? null : tip);
            }
        });
        return column;
    }
}
