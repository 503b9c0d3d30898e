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
        int code;
        try {
            code = DeltaCommand.execute(args);
        } catch (LinkageError | RuntimeException e) {
            // picocli hands Errors through; a broken installation must still end in one line
            System.err.println("delta: internal error: " + e + (e instanceof LinkageError
                    ? " (a jar is missing from delta-cli/target/lib or plugins/; rebuild with 'mvn -B package -DskipTests')"
                    : ""));
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            code = DeltaCommand.DELTA_ERROR;
        }
        System.exit(code);
    }
}
