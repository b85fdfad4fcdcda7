package io.pooldesk.app;

import javafx.animation.AnimationTimer;

/** Waiting for the window's frames. */
final class Pulses {
    private Pulses() {
    }

    /**
     * Runs the action on the UI thread at the start of the second pulse from now: a timer runs before its pulse lays
     * out and renders, so the first pulse draws what changed and the second one's start comes after that frame.
     */
    static void afterNextFrame(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
