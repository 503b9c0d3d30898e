package io.deltachain.tests.processes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code java} process started by a test on this JVM's class path, with the JVM options of the
 * {@code ./delta} launcher: a {@link ChainWriterProcess}, or the {@code delta} command's own main class.
 * Its standard output goes to a file, read as it grows on a thread of its own as whole lines (a line
 * cut short by SIGKILL is not a line): unlike a pipe, whose unread bytes {@link Process#destroyForcibly()}
 * throws away, the file keeps every line the child wrote before it died. Its standard error goes to a
 * file too.
 */
final class ChildProcess implements AutoCloseable {
    /** How long any one wait on a child may take before the test fails, on a loaded two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private boolean ended;

    private ChildProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> readLines(stdout), "stdout of " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param work a directory for the child's standard error
     * @param args {@code name=value} arguments of {@link ChainWriterProcess}
     * @return the started writer
     */
    static ChildProcess writer(Path work, String... args) throws IOException {
        return start(work, ChainWriterProcess.class.getName(), args);
    }

    /**
     * @param work a directory for the child's standard error, and its working directory
     * @param args the command line of {@code delta}
     * @return the started command, as {@code ./delta} would start it but on this class path
     */
    static ChildProcess delta(Path work, String... args) throws IOException {
        return start(work, "io.deltachain.cli.Main", args);
    }

    private static ChildProcess start(Path work, String mainClass, String... args) throws IOException {
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("delta-core"), "the test class path reaches the child: " + classPath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as the ./delta launcher starts it: a short-lived process starts faster without C2
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Ddelta.stderr.tty=false", "-Ddelta.stdout.tty=false",
                "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "child", ".stdout");
        Path err = Files.createTempFile(work, "child", ".stderr");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        return new ChildProcess(p, out, err);
    }

    private void readLines(Path stdout) {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        try (InputStream in = Files.newInputStream(stdout)) {
            while (true) {
                boolean dead = !process.isAlive(); // then everything it wrote is in the file already
                int n = in.read(buf);
                if (n <= 0 && dead) {
                    break;
                }
                if (n <= 0) {
                    Thread.sleep(1);
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) buf[i]);
                    }
                }
            }
        } catch (IOException e) {
            lines.add("(cannot read " + stdout + ": " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lines.add(END);
    }

    /** @return the next whole line, or empty at the end of the child's output; fails the test after {@link #PATIENCE} */
    Optional<String> next() throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        String line = lines.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(line != null, "child " + process.pid() + " said nothing for " + PATIENCE + "; stderr: " + stderr());
        if (line.equals(END)) {
            ended = true;
            return Optional.empty();
        }
        seen.add(line);
        return Optional.of(line);
    }

    /** @param prefix what the line starts with @return the next line, which must start so */
    String expect(String prefix) throws InterruptedException {
        String line = next().orElse("(end of output)");
        assertTrue(line.startsWith(prefix), "expected '" + prefix + "...' from child " + process.pid() + ", got '"
                + line + "'; stderr: " + stderr());
        return line;
    }

    /** @return every line from now to the end of the child's output */
    List<String> rest() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (Optional<String> l = next(); l.isPresent(); l = next()) {
            out.add(l.get());
        }
        return out;
    }

    /** @return every whole line read so far, in order */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /** @return the exit code, once the child has ended (within {@link #PATIENCE}) */
    int exitCode() throws InterruptedException {
        assertTrue(process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "child " + process.pid()
                + " did not end; stderr: " + stderr());
        return process.exitValue();
    }

    /** SIGKILL on Linux and macOS: the child gets no chance to finish what it was writing. */
    void kill() {
        process.destroyForcibly();
    }

    long pid() {
        return process.pid();
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until the child holds {@code lockFile} open, that is, waits in {@code FileChannel.tryLock} for
     * the lock this test holds (Linux: {@code /proc/PID/fd}); elsewhere waits three seconds.
     */
    void awaitWaitingFor(Path lockFile) throws IOException, InterruptedException {
        Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            Thread.sleep(3000);
            return;
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Path target = lockFile.toRealPath();
        while (!holdsOpen(fds, target)) {
            assertTrue(process.isAlive(), "child " + process.pid() + " ended before it waited for the lock; stderr: "
                    + stderr());
            assertTrue(System.nanoTime() < deadline, "child " + process.pid() + " never waited for " + target);
            Thread.sleep(20);
        }
    }

    private static boolean holdsOpen(Path fds, Path target) throws IOException {
        try (Stream<Path> open = Files.list(fds)) {
            return open.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            });
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
