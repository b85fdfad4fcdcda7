package io.pooldesk.views.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands the result back on it. The window uses {@link FxBackgroundWork}; tests use
 * {@link #synchronous()}, which runs everything at once on the calling thread.
 */
public interface BackgroundWork {

    <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed);

    static BackgroundWork synchronous() {
        return new BackgroundWork() {
            @Override
            public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }
        };
    }
}
