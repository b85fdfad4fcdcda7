package io.pooldesk.views.common;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

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
}
