package io.deltachain.cli;

/** Entry point of the {@code delta} command. */
public final class Main {
    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Every shell use pays start-up: answer without building the command tree.
            System.out.println("delta " + Version.get());
            return;
        }
        System.exit(DeltaCommand.execute(args));
    }
}
