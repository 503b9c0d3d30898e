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
        } catch (OutOfMemoryError e) {
            // What the heap checks did not foresee still ends in one line with the way on.
            long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
            System.err.println("delta: " + operation(args) + " ran out of memory (the JVM's heap is " + heapMiB
                    + " MiB); give it more heap, e.g. DELTA_JAVA_OPTS=-Xmx" + Math.max(1, 2 * heapMiB / 1024 + 1)
                    + "g, or use smaller inputs");
            verboseTrace(args, e);
            code = DeltaCommand.DELTA_ERROR;
        } catch (StackOverflowError e) {
            System.err.println("delta: " + operation(args) + " ran out of stack (the input nests too deeply); give it"
                    + " a larger stack, e.g. DELTA_JAVA_OPTS=-Xss16m, or nest less deeply");
            verboseTrace(args, e);
            code = DeltaCommand.DELTA_ERROR;
        } catch (LinkageError | RuntimeException e) {
            // picocli hands Errors through; a broken installation must still end in one line
            System.err.println("delta: internal error: " + e + (e instanceof LinkageError
                    ? " (a jar is missing from delta-cli/target/lib or plugins/; rebuild with 'mvn -B package -DskipTests')"
                    : ""));
            verboseTrace(args, e);
            code = DeltaCommand.DELTA_ERROR;
        }
        if (System.out.checkError() && code == 0) {
            // PrintStream swallows write errors: a full disk or a closed pipe must not exit 0
            System.err.println("delta: cannot write standard output (disk full, or the stream was closed)");
            code = DeltaCommand.DELTA_ERROR;
        }
        System.exit(code);
    }

    private static void verboseTrace(String[] args, Throwable e) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace();
        }
    }

    /** @return the command run, for messages: e.g. {@code 'delta apply'}, {@code 'delta chain add'} */
    private static String operation(String[] args) {
        StringBuilder b = new StringBuilder("'delta");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-")) {
                // a global option before the command: --verbose, --max-size=N, or --max-size N
                i += arg.startsWith("--max-") && !arg.contains("=") ? 1 : 0;
                continue;
            }
            if (b.length() > "'delta".length() && !b.toString().endsWith(" chain")) {
                break;
            }
            b.append(' ').append(arg);
            if (!arg.equals("chain")) {
                break;
            }
        }
        return b.append('\'').toString();
    }
}
