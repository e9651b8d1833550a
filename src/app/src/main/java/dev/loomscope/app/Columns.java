package dev.loomscope.app;

import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/** The table columns of Loomscope's tables: text, and numbers that sort as numbers but read as text. */
public final class Columns {
    private Columns() {
    }

    /** A text column; a text too long for its cell reads whole in the cell's tooltip. */
    public static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < LONG_TEXT ? null : wrapped(item));
            }
        });
        return column;
    }

    /** Texts at least this long may not fit a column; they get a tooltip. */
    private static final int LONG_TEXT = 40;

    private static Tooltip wrapped(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        return tip;
    }

    /** A column sorted by {@code value} and shown through {@code format} (a duration, a count...). */
    public static <T> TableColumn<T, Long> number(String title, double width, ToLongFunction<T> value,
                                                  LongFunction<String> format) {
        TableColumn<T, Long> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.applyAsLong(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }
}
