package io.deltachain.cli.internal;

import java.io.PrintStream;

/**
 * A one-line progress counter on standard error, shown only when the launcher says standard error
 * is a terminal ({@code -Ddelta.stderr.tty=true}; Java 17 cannot tell by itself). Creates no
 * terminal objects and prints nothing otherwise.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean shown;

    private Progress(String label, long total, boolean shown) {
        this.err = System.err;
        this.label = label;
        this.total = total;
        this.shown = shown;
    }

    /**
     * @param label what is being done
     * @param total how many steps
     * @return a counter, silent unless stderr is a terminal and there is more than one step
     */
    public static Progress start(String label, long total) {
        return new Progress(label, total, total > 1 && "true".equals(System.getProperty("delta.stderr.tty")));
    }

    /**
     * Runs work that has no steps to count, showing the elapsed time on a terminal when it takes
     * long enough to wonder about (large diffs, long verifies).
     *
     * @param label what is being done
     * @param work the work
     * @param <T> its result
     * @return the work's result
     */
    public static <T> T timed(String label, java.util.function.Supplier<T> work) {
        if (!"true".equals(System.getProperty("delta.stderr.tty"))) {
            return work.get();
        }
        PrintStream err = System.err;
        long start = System.nanoTime();
        Thread ticker = new Thread(() -> {
            try {
                Thread.sleep(1000);
                while (!Thread.currentThread().isInterrupted()) {
                    err.print("\r" + label + " ... " + (System.nanoTime() - start) / 1_000_000_000 + " s");
                    err.flush();
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "delta-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            return work.get();
        } finally {
            ticker.interrupt();
            try {
                ticker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (System.nanoTime() - start > 1_000_000_000L) {
                err.print("\r" + " ".repeat(label.length() + 20) + "\r");
                err.flush();
            }
        }
    }

    /** @param done steps finished so far */
    public void step(long done) {
        if (shown) {
            int width = 30;
            int filled = (int) (width * done / Math.max(1, total));
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (shown) {
            err.print("\r" + " ".repeat(label.length() + 50) + "\r");
            err.flush();
        }
    }
}
