package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools of the interop tests; a missing tool skips the test and says which one. */
final class Tools {
    private Tools() {
    }

    static void require(String tool, String install) {
        assumeTrue(present(tool), () -> tool + " is not installed here, so this interop test is skipped (" + install + ")");
    }

    static boolean present(String tool) {
        try {
            return run(Path.of("."), List.of("sh", "-c", "command -v " + tool)).exit() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    record Outcome(int exit, byte[] out, String err) {
    }

    /** Runs {@code body} for $i = 0 .. count-1 in one shell. */
    static Outcome shell(Path dir, int count, String body) {
        return run(dir, List.of("sh", "-c", "i=0; while [ $i -lt " + count + " ]; do " + body + "; i=$((i+1)); done"));
    }

    static Outcome run(Path dir, List<String> command) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 60 s");
            }
            Outcome o = new Outcome(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return o;
        } catch (IOException e) {
            throw new IllegalStateException(command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }
}
