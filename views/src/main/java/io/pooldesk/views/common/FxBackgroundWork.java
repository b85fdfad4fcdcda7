package io.pooldesk.views.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Background work on one daemon thread, in order; what is running is shown in the status bar. */
public final class FxBackgroundWork implements BackgroundWork {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pooldesk-background");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper("");

    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        running.set(what);
        task.setOnSucceeded(e -> {
            running.set("");
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set("");
            failed.accept(task.getException());
        });
        executor.execute(task);
    }
}
