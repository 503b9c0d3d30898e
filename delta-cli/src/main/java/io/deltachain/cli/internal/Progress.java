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
