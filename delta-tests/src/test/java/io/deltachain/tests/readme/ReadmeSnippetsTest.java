package io.deltachain.tests.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import io.deltachain.spi.DeltaStrategy;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles against the real jars and runs, so the
 * snippets can never drift from the API. A block that declares a top-level class is compiled as a
 * file of its own; any other block is a program: its {@code import} lines go on top, a one-line
 * {@code record} declaration becomes a member of the program's class (Jackson maps no local class),
 * and the rest becomes the body of {@code main}. Each program runs twice in a fresh JVM whose working directory
 * is a fresh directory (a snippet that keeps state on disk must work on a second run too), and must
 * exit 0 without printing on standard error.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("^```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("^public (final )?(class|record|interface) (\\w+)",
            Pattern.MULTILINE);

    @TempDir
    Path work;

    @TestFactory
    List<DynamicTest> everyJavaSnippetOfTheReadmeCompilesAndRuns() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(readme);
        List<Snippet> snippets = new ArrayList<>();
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            snippets.add(new Snippet(line, m.group(1)));
        }
        assertTrue(snippets.size() >= 3, "the README should show the library in Java; found " + snippets.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet s : snippets) {
            tests.add(DynamicTest.dynamicTest("README.md line " + s.line, () -> compileAndRun(s)));
        }
        return tests;
    }

    private void compileAndRun(Snippet snippet) throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + snippet.line));
        Path classes = Files.createDirectories(work.resolve("classes-" + snippet.line));
        Matcher declared = CLASS.matcher(snippet.code);
        String mainClass = null;
        Path file;
        if (declared.find()) {
            file = src.resolve(declared.group(3) + ".java");
            Files.writeString(file, snippet.code);
        } else {
            mainClass = "ReadmeLine" + snippet.line;
            StringBuilder imports = new StringBuilder();
            StringBuilder members = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String l : snippet.code.split("\n", -1)) {
                (l.startsWith("import ") ? imports : l.startsWith("record ") ? members : body).append(l).append('\n');
            }
            file = src.resolve(mainClass + ".java");
            Files.writeString(file, imports + "\npublic final class " + mainClass + " {\n" + members
                    + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled;
        try (OutputStreamWriter out = new OutputStreamWriter(diagnostics, StandardCharsets.UTF_8)) {
            compiled = javac.run(null, diagnostics, diagnostics, "-proc:none", "-Xlint:none", "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), file.toString());
        }
        assertEquals(0, compiled, () -> "README.md line " + snippet.line + " does not compile:\n"
                + diagnostics.toString(StandardCharsets.UTF_8) + "\n" + read(file));
        if (mainClass == null) {
            roundTripsIfAStrategy(classes, declared.group(3));
            return;
        }
        Path cwd = Files.createDirectories(work.resolve("run-" + snippet.line));
        for (int run = 1; run <= 2; run++) {
            Path stdout = work.resolve("out-" + snippet.line + "-" + run);
            Path stderr = work.resolve("err-" + snippet.line + "-" + run);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), mainClass)
                    .directory(cwd.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "README.md line " + snippet.line + " ran for 2 minutes");
            String err = read(stderr);
            final int attempt = run;
            assertEquals(0, p.exitValue(), () -> "README.md line " + snippet.line + " failed on run " + attempt
                    + ":\n" + err);
            assertFalse(err.toLowerCase(Locale.ROOT).contains("exception"), () -> "README.md line " + snippet.line
                    + " wrote to standard error on run " + attempt + ":\n" + err);
        }
    }

    /** A strategy the README shows must keep the contract kit's basic promise: every pair round-trips. */
    @SuppressWarnings("unchecked")
    private static void roundTripsIfAStrategy(Path classes, String name) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetsTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass(name);
            if (!DeltaStrategy.class.isAssignableFrom(type)) {
                return;
            }
            DeltaStrategy<byte[]> strategy = (DeltaStrategy<byte[]>) type.getConstructor().newInstance();
            byte[][] states = {new byte[0], "log line 1\n".getBytes(StandardCharsets.UTF_8),
                "log line 1\nline 2\n".getBytes(StandardCharsets.UTF_8), "rewritten".getBytes(StandardCharsets.UTF_8)};
            for (byte[] base : states) {
                for (byte[] target : states) {
                    byte[] back = strategy.apply(base, strategy.diff(base, target), Limits.defaults());
                    assertArrayEquals(target, back, () -> name + " does not round-trip " + new String(base,
                            StandardCharsets.UTF_8) + " -> " + new String(target, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Snippet(int line, String code) {
    }
}
