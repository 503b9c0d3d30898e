package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.json.CanonicalJson;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./delta} launcher as a process, after {@code package}, for every command:
 * success paths, error paths and exit codes, atomic output, and a plug-in jar found through a
 * temporary {@code DELTA_PLUGINS} directory (never the repository's own {@code plugins/}).
 */
class DeltaCommandIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("delta.launcher", "../delta"));

    @TempDir
    Path dir;

    record Result(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        Result ok() {
            assertEquals(0, code, "exit code; stderr: " + stderr);
            assertEquals("", stderr, "nothing reaches stderr on success");
            return this;
        }

        Result fails(int expected, String messagePart) {
            assertEquals(expected, code, "exit code; stderr: " + stderr + " stdout: " + out());
            assertTrue(stderr.startsWith("delta: "), "errors start with 'delta: ': " + stderr);
            assertEquals(1, stderr.strip().lines().count(), "an error is one line: " + stderr);
            assertTrue(stderr.contains(messagePart), "'" + messagePart + "' in: " + stderr);
            return this;
        }
    }

    private Result run(Map<String, String> env, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("DELTA_PLUGINS");
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException closedEarly) {
                // the command stopped reading (e.g. at a limit): what it did is what the test checks
            }
        });
        feeder.start();
        byte[] out = p.getInputStream().readAllBytes();
        feeder.join();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "delta " + String.join(" ", args) + " did not finish");
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, stderr);
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), null, args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void standardInputPastTheSpillThresholdIsReadExactlyAndPastTheLimitRefused() throws Exception {
        byte[] big = new byte[40 << 20];
        new java.util.Random(25).nextBytes(big);
        file("big.bin", big);
        file("small.txt", "small\n");
        run(Map.of(), big, "diff", "-s", "bsdiff", "-", "small.txt", "-o", "p.dltr").ok();
        run("apply", "big.bin", "p.dltr", "-o", "out.txt").ok(); // the base hash: stdin was read byte for byte
        assertEquals("small\n", Files.readString(dir.resolve("out.txt")));
        run(Map.of(), big, "diff", "--max-size", "36M", "-", "small.txt", "-o", "q.dltr")
                .fails(1, "read until one byte past the limit");
        assertFalse(Files.exists(dir.resolve("q.dltr")));
    }

    @Test
    void aDiffTheHeapCannotHoldIsRefusedFromTheFileSizesBeforeReading() throws Exception {
        for (String name : List.of("a.bin", "b.bin")) {
            try (var f = new java.io.RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
                f.setLength(48L << 20); // sparse: nothing to read quickly, were it read
            }
        }
        for (String strategy : List.of("bsdiff", "auto", "zstd-patch")) {
            Result r = run(Map.of("DELTA_JAVA_OPTS", "-Xmx96m"), null, "diff", "-s", strategy, "a.bin", "b.bin", "-o",
                    "p.dltr").fails(1, "refused from the files' sizes, before reading them");
            assertTrue(r.stderr().contains("DELTA_JAVA_OPTS=-Xmx"), r.stderr());
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        assertTrue(run("--version").ok().out().startsWith("delta "));
        for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"strategies", "--help"},
                new String[] {"diff", "--help"}, new String[] {"apply", "--help"}, new String[] {"inspect", "--help"},
                new String[] {"chain", "--help"}, new String[] {"chain", "init", "--help"},
                new String[] {"chain", "add", "--help"}, new String[] {"chain", "get", "--help"},
                new String[] {"chain", "log", "--help"}, new String[] {"chain", "verify", "--help"},
                new String[] {"chain", "metrics", "--help"}, new String[] {"chain", "rebaseline", "--help"},
                new String[] {"chain", "clear", "--help"}, new String[] {"chain", "diff", "--help"},
                new String[] {"show", "--help"}, new String[] {"demo", "--help"},
                new String[] {"completion", "--help"}, new String[] {"manpage", "--help"}, new String[] {"help"},
                new String[] {"help", "chain"}, new String[] {"help", "chain", "log"})) {
            Result r = run(cmd).ok();
            assertTrue(r.out().contains("Usage:"), String.join(" ", cmd) + ": " + r.out());
            assertFalse(r.out().contains("\u001b["), "no colour when stdout is not a terminal");
        }
    }

    @Test
    void helpForACommandThatDoesNotExistIsAUsageError() throws Exception {
        run("chain", "upgrade", "--help").fails(2, "'delta chain' has no command or argument 'upgrade'");
        run("bogus", "-h").fails(2, "'bogus'");
        assertTrue(run("chain", "add", "--help").ok().out().contains("Usage:"));
        run("difff", "a.txt", "b.txt").fails(2, "'delta' has no command 'difff'; did you mean 'diff'?");
        run("chain", "ad", "hist", "x").fails(2, "did you mean 'add'");
    }

    @Test
    void aMistypedOptionIsNamedBeforeMissingParametersWithTheNearestOptions() throws Exception {
        run("diff", "--hlep").fails(2, "unknown option '--hlep'; did you mean '--help'? (see 'delta diff --help')");
        file("a.txt", "1\n");
        file("b.txt", "2\n");
        run("diff", "-s", "text", "--levl", "3", "a.txt", "b.txt").fails(2, "unknown option '--levl'; did you mean"
                + " '--level'?");
        run("--max-sise", "3", "diff", "a.txt", "b.txt").fails(2, "did you mean '--max-size'?");
        run("apply", "-x").fails(2, "unknown option '-x' (see");
        run("diff", "-s", "text", "--raw", "-U", "-1", "a.txt", "b.txt").fails(2, "0 or more");
        run("diff", "a.txt").fails(2, "Missing required parameter: 'NEW'");
    }

    @Test
    void chainCommandsSayWhatIsWrongWithTheDirectory() throws Exception {
        file("plain.txt", "x");
        run("chain", "log", "plain.txt").fails(1, "is a file, not a chain directory");
        run("chain", "log", "missing").fails(1, "missing does not exist");
        Files.createDirectory(dir.resolve("empty"));
        run("chain", "log", "empty").fails(1, "holds no chain (no manifest.json)");
        run("chain", "init", "c").ok();
        run("chain", "get", "c", "-1").fails(1, "the chain is empty");
    }

    @Test
    void strategiesListsEveryProviderWithItsJar() throws Exception {
        String out = run("strategies").ok().out();
        for (String id : List.of("auto", "none", "dict", "zstd-patch", "gzip", "identity", "zstd")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(id + " ")), id + " in:\n" + out);
        }
        assertTrue(out.contains("delta-strategy-dict"), out);
        assertFalse(out.contains("append-only"), "the example plug-in is not on the class path without DELTA_PLUGINS");
    }

    @Test
    void diffThenApplyRoundTripsTextAndBinaryFilesWithEveryFileStrategy() throws Exception {
        Random random = new Random(42);
        byte[] binOld = new byte[5000];
        random.nextBytes(binOld);
        byte[] binNew = Arrays.copyOf(binOld, 5100);
        binNew[10] ^= 1;
        file("old.bin", binOld);
        file("new.bin", binNew);
        file("old.txt", "alpha\nbeta\ngamma\n".repeat(50));
        file("new.txt", "alpha\nbeta\ngamma\n".repeat(50) + "delta\n");
        for (String strategy : List.of("auto", "none")) {
            for (String kind : List.of("bin", "txt")) {
                for (String codec : List.of("gzip", "identity", "zstd")) {
                    run("diff", "-s", strategy, "-c", codec, "old." + kind, "new." + kind, "-o", "p").ok();
                    run("apply", "old." + kind, "p", "-o", "out").ok();
                    assertArrayEquals(Files.readAllBytes(dir.resolve("new." + kind)), Files.readAllBytes(dir.resolve("out")),
                            strategy + "/" + codec + " on " + kind);
                }
            }
        }
        run("diff", "-l", "9", "old.txt", "new.txt", "-o", "p9").ok();
        assertTrue(run("inspect", "p9").ok().out().contains("level          9"));
    }

    @Test
    void dictReadsJsonAndWritesCanonicalJson() throws Exception {
        file("a.json", "{\"key1\": \"value1\", \"key2\": 42, \"key3\": [1, 2, 3], \"key4\": {\"nested\": \"value\"}}");
        file("b.json", "{\"key1\": \"value1\", \"key2\": 43.0, \"key5\": \"new_value\","
                + " \"key4\": {\"nested\": \"value\", \"added\": true}}");
        run("diff", "-s", "dict", "a.json", "b.json", "-o", "p").ok();
        String inspect = run("inspect", "p").ok().out();
        assertTrue(inspect.contains("/key4/added"), inspect);
        assertTrue(inspect.contains("dict"), inspect);
        String applied = run("apply", "a.json", "p").ok().out();
        assertEquals("{\"key1\":\"value1\",\"key2\":43,\"key4\":{\"added\":true,\"nested\":\"value\"},"
                + "\"key5\":\"new_value\"}\n", applied);
        String pretty = run("apply", "--pretty", "a.json", "p").ok().out();
        assertEquals(CanonicalJson.parse(applied.getBytes(StandardCharsets.UTF_8), Limits.defaults()),
                CanonicalJson.parse(pretty.getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        String json = run("inspect", "--json", "p").ok().out();
        assertTrue(json.contains("\"strategy\": \"dict\""), json);
    }

    @Test
    void standardInputAndOutput() throws Exception {
        file("new.txt", "one\ntwo\n");
        Result diff = run(Map.of(), "one\n".getBytes(StandardCharsets.UTF_8), "diff", "-", "new.txt").ok();
        file("p", diff.stdout());
        Result applied = run(Map.of(), "one\n".getBytes(StandardCharsets.UTF_8), "apply", "-", "p", "-o", "-").ok();
        assertEquals("one\ntwo\n", applied.out());
    }

    @Test
    void deltaErrorsExitOneWithOneLine() throws Exception {
        file("a.txt", "version one\n");
        file("b.txt", "version two\n");
        run("diff", "a.txt", "b.txt", "-o", "p").ok();
        run("apply", "b.txt", "p").fails(1, "SHA-256");
        byte[] patch = Files.readAllBytes(dir.resolve("p"));
        patch[patch.length / 2] ^= 4;
        file("bad", patch);
        run("apply", "a.txt", "bad").fails(1, "CRC32C");
        run("inspect", "bad").fails(1, "CRC32C");
        run("apply", "a.txt", "missing").fails(1, "missing does not exist");
        run("apply", "a.txt", "a.txt").fails(1, "Deltachain record");
        file("bad.json", "{\"a\": 1,\n \"a\": 2}");
        file("ok.json", "{}");
        run("diff", "-s", "dict", "bad.json", "ok.json").fails(1, "byte offset");
        Result limit = run("diff", "--max-size", "4", "a.txt", "b.txt").fails(1, "raise it with --max-size");
        assertEquals(limit.stderr().indexOf("--max-size"), limit.stderr().lastIndexOf("--max-size"), limit.stderr());
        Result verbose = run("--verbose", "apply", "b.txt", "p");
        assertEquals(1, verbose.code());
        assertTrue(verbose.stderr().contains("at io.deltachain"), verbose.stderr());
    }

    @Test
    void hintsComeFromTheFactsOfTheErrorNeverFromItsText() throws Exception {
        file("ok.json", "{}");
        file("exp.json", "{\"a\": 1e2000000}");
        Result exponent = run("diff", "-s", "dict", "ok.json", "exp.json").fails(1, "--max-number-exponent");
        assertFalse(exponent.stderr().contains("--max-size"), "--max-size does not raise a JSON exponent: "
                + exponent.stderr());
        assertTrue(exponent.stderr().contains("NEW exp.json"), exponent.stderr());
        Result planned = run("diff", "-s", "vcdiff", "ok.json", "exp.json").fails(2, "No Deltachain artifact provides");
        assertFalse(planned.stderr().contains("put that jar"), "no jar provides 'vcdiff' yet: " + planned.stderr());
        file("a.txt", "a");
        run("diff", "-c", "gzip2", "a.txt", "a.txt").fails(2, "Available: gzip, identity, zstd");
    }

    @Test
    void theJsonLimitsHaveTheirOwnOptionsAnywhereOnTheLineAndEachRefusalNamesItsOwn() throws Exception {
        file("ok.json", "{}");
        file("deep.json", "{\"a\":" + "[".repeat(19) + "]".repeat(19) + "}"); // 20 levels
        Result depth = run("diff", "--max-json-depth", "19", "-s", "dict", "ok.json", "deep.json")
                .fails(1, "raise it with --max-json-depth (default 1000)");
        assertTrue(depth.stderr().contains("NEW deep.json") && !depth.stderr().contains("--max-size"), depth.stderr());
        run("--max-json-depth", "20", "diff", "-s", "dict", "ok.json", "deep.json", "-o", "p").ok();
        run("apply", "ok.json", "p", "-o", "out").ok();
        run("apply", "--max-json-depth=19", "ok.json", "p").fails(1, "--max-json-depth");
        run("chain", "init", "--max-json-depth", "20", "d", "-s", "dict").ok();
        run("chain", "--max-json-depth", "19", "add", "d", "ok.json", "deep.json").fails(1, "--max-json-depth");
        run("chain", "add", "--max-json-depth", "20", "d", "deep.json").ok();

        // 30 digits read, but canonical JSON writes them as 7.77...7e+29: 35 characters.
        file("long.json", "{\"n\":" + "7".repeat(30) + "}");
        Result length = run("diff", "--max-number-length", "34", "-s", "dict", "ok.json", "long.json")
                .fails(1, "raise it with --max-number-length (default 1000)");
        assertTrue(length.stderr().contains("written canonically in 35 characters")
                && !length.stderr().contains("--max-size"), length.stderr());
        run("diff", "-s", "dict", "--max-number-length=35", "ok.json", "long.json", "-o", "p").ok();

        file("exp.json", "{\"n\":1e50}");
        Result exponent = run("--max-number-exponent", "49", "diff", "-s", "dict", "ok.json", "exp.json")
                .fails(1, "raise it with --max-number-exponent (default 1000000)");
        assertFalse(exponent.stderr().contains("--max-size"), exponent.stderr());
        run("--max-number-exponent", "50", "diff", "-s", "dict", "ok.json", "exp.json", "-o", "p").ok();
        run("diff", "--max-number-exponent", "0", "ok.json", "exp.json").fails(2, "--max-number-exponent must be 1");
    }

    /** Shell redirections the hostile trial found: the stream is written, never a file renamed over it. */
    @Test
    void outputToTheShellsStreamsAppendsAndAFullDiskIsAnError() throws Exception {
        file("a.txt", "aaaa\n");
        file("b.txt", "aaab\n");
        String delta = LAUNCHER.toAbsolutePath().toString();
        String script = "echo HEADER > log; " + delta + " diff a.txt b.txt -o /dev/stdout >> log; echo rc=$?; "
                + delta + " diff a.txt b.txt -o - > /dev/full; echo rc=$?; "
                + delta + " chain init h > /dev/full; echo rc=$?";
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(out.contains("rc=0\n") && out.indexOf("rc=1") > out.indexOf("rc=0"), out);
        assertTrue(out.contains("delta: cannot write standard output"), out);
        byte[] log = Files.readAllBytes(dir.resolve("log"));
        assertEquals("HEADER\n", new String(log, 0, 7, StandardCharsets.US_ASCII), "the shell's file was replaced");
        assertTrue(log.length > 7 && log[7] == 'D', "the record was not appended after the header");
        file("1704067200", "not an argument file");
        run("diff", "--timestamp", "@1704067200", "a.txt", "b.txt", "-o", "r").ok();
    }

    @Test
    void textWritesUnifiedDiffsWithRawAndRecordsThatApply() throws Exception {
        file("a.txt", "one\r\ntwo\nthree");
        file("b.txt", "one\r\n2\nthree");
        assertEquals("--- a.txt\n+++ b.txt\n@@ -1,3 +1,3 @@\n one\r\n-two\n+2\n three\n\\ No newline at end of file\n",
                run("diff", "-s", "text", "--raw", "a.txt", "b.txt").ok().out(), "the file names as given, as diff -u");
        run("diff", "-s", "text", "a.txt", "b.txt", "-o", "r").ok();
        assertEquals("one\r\n2\nthree", run("apply", "a.txt", "r", "-o", "-").ok().out());
    }

    @Test
    void jsonRecordsApplyInspectAndShowAndANativePatchWhereARecordBelongsIsNamed() throws Exception {
        file("a.txt", "one\ntwo\n");
        file("b.txt", "one\n2\n");
        run("diff", "-s", "text", "--json", "a.txt", "b.txt", "-o", "r.json").ok();
        assertEquals("one\n2\n", run("apply", "a.txt", "r.json", "-o", "-").ok().out());
        assertTrue(run("inspect", "r.json").ok().out().startsWith("strategy       text\n"));
        assertTrue(run("show", "r.json").ok().out().contains("+2\n"));
        binaryPair();
        run("diff", "-s", "bsdiff", "--raw", "old.bin", "new.bin", "-o", "p.bsdiff").ok();
        run("apply", "old.bin", "p.bsdiff").fails(1, "PATCH p.bsdiff is not a Deltachain record but a BSDIFF40 patch"
                + " (-s bsdiff); apply it with 'delta apply --raw -s bsdiff OLD p.bsdiff'");
        run("diff", "-s", "text", "--raw", "a.txt", "b.txt", "-o", "p.diff").ok();
        run("show", "p.diff").fails(1, "a unified diff (-s text)");
    }

    @Test
    void aForgedHeaderIsDamageForApplyInspectAndShowAndAnUnknownMemberIsRefused() throws Exception {
        file("a.txt", "one\ntwo\n");
        file("b.txt", "one\n2\n");
        String json = run("diff", "-s", "text", "--json", "a.txt", "b.txt").ok().out().trim();
        file("level.json", json.replaceFirst("\"level\":6", "\"level\":99"));
        String forged = "its header says codec level 99, but codec 'gzip' takes levels 1 to 9";
        run("apply", "a.txt", "level.json", "-o", "-").fails(1, forged);
        assertTrue(run("inspect", "level.json").fails(1, forged).out().contains("level          99\n"),
                "the header is printed before it is checked");
        run("show", "level.json").fails(1, forged);
        file("huge.json", json.replaceFirst("\"rawSize\":\\d+", "\"rawSize\":4611686018427387904"));
        run("inspect", "huge.json").fails(1, "no state is larger than 2147483647 bytes");
        file("extra.json", json.replaceFirst("^\\{", "{\"signedBy\":\"me\","));
        run("apply", "a.txt", "extra.json", "-o", "-").fails(1, "member 'signedBy', which format 1 does not define");
        file("empty.json", json.replaceFirst("\"payload\":\"[^\"]*\"", "\"payload\":\"\"").replaceFirst(
                ",\"storedSize\":\\d+", ""));
        run("inspect", "empty.json").fails(1, "gzip");
        run("inspect", "a.txt").fails(1, "to be a Deltachain record");
    }

    @Test
    void unifiedDiffsTakeAContextAndQuoteNamesWithSpacesAsDiffUDoes() throws Exception {
        file("a.txt", "1\n2\n3\n4\n5\n");
        file("b.txt", "1\n2\nthree\n4\n5\n");
        assertEquals("--- a.txt\n+++ b.txt\n@@ -3 +3 @@\n-3\n+three\n",
                run("diff", "-s", "text", "--raw", "-U", "0", "a.txt", "b.txt").ok().out());
        assertTrue(run("diff", "-s", "text", "--raw", "--unified=1", "a.txt", "b.txt").ok().out()
                .contains("@@ -2,3 +2,3 @@\n 2\n-3\n+three\n 4\n"));
        run("diff", "-s", "text", "-U", "1", "a.txt", "b.txt", "-o", "r").fails(2, "add --raw");
        run("diff", "-s", "text", "--raw", "-U", "-1", "a.txt", "b.txt").fails(2, "0 or more");
        binaryPair();
        run("diff", "-s", "bsdiff", "--raw", "-U", "1", "old.bin", "new.bin", "-o", "p").fails(2, "no context lines");
        file("my file", "1\n2\n");
        file("my new", "1\n3\n");
        assertTrue(run("diff", "-s", "text", "--raw", "my file", "my new").ok().out()
                .startsWith("--- \"my file\"\n+++ \"my new\"\n"));
    }

    @Test
    void fuzzAppliesAUnifiedDiffMadeFromAnotherVersionAndReportsEachHunkThatMoved() throws Exception {
        file("a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n");
        file("b.txt", "1\n2\n3\n4\nfive\n6\n7\n8\n");
        file("shifted.txt", "0\n00\n1\n2\n3\n4\n5\n6\n7\n8\n");
        run("diff", "-s", "text", "--raw", "a.txt", "b.txt", "-o", "p").ok();
        run("apply", "--raw", "-s", "text", "shifted.txt", "p").fails(1, "delta apply --raw -s text --fuzz 2");
        Result r = run("apply", "--raw", "-s", "text", "--fuzz", "0", "shifted.txt", "p", "-o", "-");
        assertEquals(0, r.code(), r.stderr());
        assertEquals("0\n00\n1\n2\n3\n4\nfive\n6\n7\n8\n", r.out());
        assertTrue(r.stderr().contains("delta: p: hunk 1 applied at line 4 (offset 2 lines)"), r.stderr());
        assertEquals("", run("apply", "--raw", "-s", "text", "--fuzz", "2", "a.txt", "p", "-o", "out").ok().stderr(),
                "an exact fit reports nothing");
        run("apply", "--fuzz", "2", "a.txt", "p").fails(2, "--fuzz applies to native patches (--raw)");
        run("apply", "--raw", "-s", "text", "--fuzz", "-1", "a.txt", "p").fails(2, "0 or more");
        binaryPair();
        run("diff", "-s", "bsdiff", "--raw", "old.bin", "new.bin", "-o", "pb").ok();
        run("apply", "--raw", "-s", "bsdiff", "--fuzz", "2", "old.bin", "pb").fails(2, "exactly or not at all");
    }

    @Test
    void showAndChainDiffRenderWhatChangedColouredOnlyOnATerminal() throws Exception {
        file("a.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n");
        file("b.txt", "one\n2\nthree\nfour\nfive\nsix\nseven\neight\nnine\n");
        run("diff", "-s", "text", "a.txt", "b.txt", "-o", "r").ok();
        String shown = run("show", "r").ok().out();
        assertTrue(shown.startsWith("strategy       text\n") && shown.contains("\naffectedKeys   line 2, after line 8\n"),
                shown);
        assertTrue(shown.endsWith("\n\n@@ -2 +2 @@ 1 line removed\n+2\n@@ -8,0 +9 @@\n+nine\n"), shown);
        String withBase = run("show", "--base", "a.txt", "r").ok().out();
        assertTrue(withBase.endsWith("\n\n@@ -1,8 +1,9 @@\n one\n-two\n+2\n three\n four\n five\n six\n seven\n"
                + " eight\n+nine\n"), withBase);
        run("show", "--base", "b.txt", "r").fails(1, "describe it with the state it was made from");
        assertTrue(run("show", "--json", "r").ok().out().contains("\"change\": \"@@ -2 +2 @@ 1 line removed\\n+2\\n"));
        binaryPair();
        run("diff", "-s", "bsdiff", "old.bin", "new.bin", "-o", "rb").ok();
        assertTrue(run("show", "rb").ok().out().endsWith("\n\nstrategy 'bsdiff' renders no readable change; the fields"
                + " above are what the record tells (records made with -s text, dict, json-patch or merge-patch show"
                + " theirs: e.g. delta diff -s text OLD NEW)\n"));
        Map<String, String> tty = STDOUT_IS_A_TERMINAL;
        String coloured = run(tty, null, "diff", "-s", "text", "--raw", "a.txt", "b.txt").ok().out();
        assertTrue(coloured.startsWith("\u001b[1m--- a.txt\u001b[m\n") && coloured.contains("\u001b[31m-two\u001b[m\n"),
                coloured);
        assertFalse(run(tty, null, "diff", "-s", "text", "--raw", "--color=never", "a.txt", "b.txt").ok().out()
                .contains("\u001b["));
        run(tty, null, "diff", "-s", "text", "--raw", "a.txt", "b.txt", "-o", "p").ok();
        assertFalse(Files.readString(dir.resolve("p")).contains("\u001b["), "auto never colours a file");
        assertTrue(run("diff", "-s", "text", "--raw", "--color=always", "a.txt", "b.txt").ok().out()
                .contains("\u001b[32m+nine\u001b[m"), "always colours a pipe too");
        run("diff", "--color=always", "a.txt", "b.txt", "-o", "x").fails(2, "add --raw");
        run("diff", "-s", "text", "--raw", "--color=sometimes", "a.txt", "b.txt").fails(2, "auto, always, never");
        assertTrue(run("diff", "-s", "text", "--raw", "--color", "always", "a.txt", "b.txt").ok().out()
                .contains("\u001b[31m-two"));
        run("chain", "init", "hist", "-s", "text").ok();
        run("chain", "add", "hist", "a.txt", "b.txt", "a.txt").ok();
        assertEquals("--- hist@0\n+++ hist@1\n@@ -1,8 +1,9 @@\n one\n-two\n+2\n three\n four\n five\n six\n seven\n"
                + " eight\n+nine\n", run("chain", "diff", "hist", "0", "1").ok().out());
        assertTrue(run("chain", "diff", "hist", "-1", "1").ok().out().startsWith("--- hist@2\n+++ hist@1\n@@ -1,8 +1,9 @@"));
        assertEquals("", run("chain", "diff", "hist", "0", "2").ok().out(), "equal versions: nothing");
        assertTrue(run(tty, null, "chain", "diff", "hist", "0", "1").ok().out().contains("\u001b[32m+nine\u001b[m"));
        file("1.json", "{\"a\": 1, \"b\": {\"c\": 2}}");
        file("2.json", "{\"a\": 2, \"b\": {\"c\": 2, \"d\": [1]}, \"e\": null}");
        run("chain", "init", "docs", "-s", "dict").ok();
        run("chain", "add", "docs", "1.json", "2.json").ok();
        assertEquals("--- docs@1\n+++ docs@0\n~ /a: 2 -> 1\n- /b/d: [1]\n- /e: null\n",
                run("chain", "diff", "docs", "1", "0").ok().out());
        run("chain", "init", "bin").ok();
        run("chain", "add", "bin", "old.bin", "new.bin").ok();
        run("chain", "diff", "bin", "0", "1").fails(1, "no installed strategy renders the change");
        run("chain", "diff", "bin", "0", "5").fails(1, "5");
    }

    /** Issue 23: chain compact rewrites a chain with another strategy and codec; every version reads back. */
    @Test
    void chainCompactRewritesWithAnotherStrategyAndCodecAndEveryVersionReadsBack() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            text.append("line ").append(i).append('\n');
            file("v" + i + ".txt", text.toString());
            names.add("v" + i + ".txt");
        }
        run("chain", "init", "hist", "-s", "text").ok();
        List<String> add = new ArrayList<>(List.of("chain", "add", "hist"));
        add.addAll(names);
        run(add.toArray(String[]::new)).ok();
        String done = run("chain", "compact", "hist", "-s", "none", "-c", "identity").ok().out();
        assertTrue(done.startsWith("compacted versions 0 to 11 of hist: ") && done.contains("(strategy text -> none,"
                + " codec gzip ") && done.contains(" -> identity "), done);
        for (int i = 0; i < 12; i++) {
            assertEquals(Files.readString(dir.resolve("v" + i + ".txt")), run("chain", "get", "hist", "" + i).ok().out());
        }
        assertTrue(run("chain", "log", "hist").ok().out().lines().skip(2).allMatch(l -> l.contains(" none ")),
                run("chain", "log", "hist").ok().out());
        run("chain", "verify", "hist").ok();
        run("chain", "compact", "hist", "-c", "nosuch").fails(2, "nosuch");
    }

    /** Issue 23: chain retain drops the oldest versions; the ones kept keep their indices and read back. */
    @Test
    void chainRetainKeepsTheLastVersionsUnderTheirOwnIndices() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> add = new ArrayList<>(List.of("chain", "add", "--timestamp", "2026-11-30T12:00:00Z", "hist"));
        for (int i = 0; i < 12; i++) {
            text.append("line ").append(i).append('\n');
            file("v" + i + ".txt", text.toString());
            add.add("v" + i + ".txt");
        }
        run("chain", "init", "hist", "-s", "text").ok();
        run(add.toArray(String[]::new)).ok();
        String done = run("chain", "retain", "hist", "--keep-last", "5").ok().out();
        assertTrue(done.startsWith("dropped versions 0 to 6 of hist; it holds versions 7 to 11: "), done);
        for (int i = 7; i < 12; i++) {
            assertEquals(Files.readString(dir.resolve("v" + i + ".txt")), run("chain", "get", "hist", "" + i).ok().out());
        }
        assertEquals(Files.readString(dir.resolve("v7.txt")), run("chain", "get", "hist", "-5").ok().out());
        run("chain", "get", "hist", "3").fails(1, "version 3 was dropped by retention: the chain holds versions 7 to 11");
        run("chain", "get", "hist", "-6").fails(1, "the chain holds versions 7 to 11 (-1 to -5 from the end)");
        List<String> log = run("chain", "log", "hist").ok().out().lines().toList();
        assertTrue(log.get(1).startsWith("7 ") && log.get(1).contains("(base)") && log.size() == 6, log.toString());
        assertTrue(run("chain", "verify", "hist").ok().out().contains("ok: 5 versions verified"));
        String exported = run("chain", "export", "hist", "out").ok().out();
        assertTrue(exported.startsWith("exported 5 of 5 versions (versions 7 to 11, named by their indices)"), exported);
        assertTrue(Files.exists(dir.resolve("out/000000007.txt")) && !Files.exists(dir.resolve("out/000000006.txt")));
        String salvaged = run("chain", "salvage", "hist", "copy").ok().out();
        assertTrue(salvaged.startsWith("salvaged 5 of 5 versions (versions 7 to 11: retention dropped the ones before;"
                + " the copy numbers them from 0)"), salvaged);
        run("chain", "salvage", "hist", "copy2", "--from-frames").fails(1, "5 versions found");
        file("v12.txt", text.append("line 12\n").toString());
        assertTrue(run("chain", "add", "hist", "v12.txt").ok().out().startsWith("version 12: "));
        String nothing = run("chain", "retain", "hist", "--keep-last", "9").ok().out();
        assertTrue(nothing.startsWith("nothing to do"), nothing);
        String newer = run("chain", "retain", "hist", "--newer-than", "2026-11-30T12:00:00Z").ok().out();
        assertTrue(newer.startsWith("dropped versions 7 to 11 of hist; it holds version 12: "), newer);
        assertEquals(text.toString(), run("chain", "get", "hist", "12").ok().out());
        run("chain", "retain", "hist").fails(2, "--keep-last N or --newer-than TIME");
        run("chain", "retain", "hist", "--keep-last", "0").fails(2, "at least 1");
        run("chain", "retain", "hist", "--keep-last", "2", "--newer-than", "@0").fails(2, "not both");
    }

    /** Issue 23: chain get --at TIME, the newest version added at or before it. */
    @Test
    void chainGetAtATimeWritesTheNewestVersionAddedAtOrBeforeIt() throws Exception {
        file("a.txt", "one\n");
        file("b.txt", "two\n");
        file("c.txt", "three\n");
        run("chain", "init", "hist", "-s", "text").ok();
        run("chain", "add", "hist", "a.txt").ok();
        run("chain", "add", "--timestamp", "2026-11-30T12:00:00Z", "hist", "b.txt").ok();
        run("chain", "add", "--timestamp", "2026-11-30T13:00:00Z", "hist", "c.txt").ok();
        assertEquals("two\n", run("chain", "get", "hist", "--at", "2026-11-30T12:00:00Z").ok().out());
        assertEquals("two\n", run("chain", "get", "hist", "--at", "2026-11-30T12:59:59+00:00").ok().out());
        assertEquals("three\n", run("chain", "get", "hist", "--at", "@" + (4_102_444_800L)).ok().out());
        run("chain", "get", "hist", "--at", "2026-11-30T11:00:00Z").fails(1, "the oldest time is version 1's,"
                + " 2026-11-30T12:00:00Z");
        run("chain", "get", "hist", "--at", "noon").fails(2, "--at 'noon' is not a time");
        run("chain", "get", "hist", "1", "--at", "2026-11-30T12:00:00Z").fails(2, "not both");
        run("chain", "get", "hist").fails(2, "INDEX, or --at TIME");
    }

    @Test
    void showAndChainDiffPrintJsonPatchAndMergePatchOperations() throws Exception {
        file("1.json", "{\"orders\": [{\"id\": 1, \"qty\": 4}, {\"id\": 2, \"qty\": 1}], \"gone\": true}");
        file("2.json", "{\"orders\": [{\"id\": 1, \"qty\": 5}, {\"id\": 2, \"qty\": 1}], \"new\": \"x\"}");
        run("diff", "-s", "json-patch", "1.json", "2.json", "-o", "r").ok();
        String shown = run("show", "r").ok().out();
        assertTrue(shown.startsWith("strategy       json-patch\n"), shown);
        assertTrue(shown.endsWith("\n\nremove /gone\nreplace /orders/0/qty 5\nadd /new \"x\"\n"), shown);
        assertTrue(run("show", "--base", "1.json", "r").ok().out()
                .endsWith("\n\nremove /gone (was true)\nreplace /orders/0/qty 5 (was 4)\nadd /new \"x\"\n"));
        run("diff", "-s", "merge-patch", "1.json", "2.json", "-o", "m").ok();
        assertTrue(run("show", "--base", "1.json", "m").ok().out().endsWith("\n\nremove /gone (was true)\nadd /new \"x\"\n"
                + "replace /orders [{\"id\":1,\"qty\":5},{\"id\":2,\"qty\":1}] (was [{\"id\":1,\"qty\":4},{\"id\":2,\"qty\":1}])\n"));
        run("chain", "init", "docs", "-s", "json-patch").ok();
        run("chain", "add", "docs", "1.json", "2.json").ok();
        assertEquals("--- docs@0\n+++ docs@1\nremove /gone (was true)\nreplace /orders/0/qty 5 (was 4)\nadd /new \"x\"\n",
                run("chain", "diff", "docs", "0", "1").ok().out());
        assertEquals("", run("chain", "diff", "docs", "1", "1").ok().out(), "equal versions: nothing");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        file("a.txt", "a");
        file("b.txt", "b");
        run("bogus").fails(2, "bogus");
        run().fails(2, "no command");
        run("diff", "a.txt").fails(2, "NEW");
        run("diff", "-s", "vcdiff", "a.txt", "b.txt").fails(2, "no strategy 'vcdiff'");
        run("diff", "-c", "lz4", "a.txt", "b.txt").fails(2, "no codec 'lz4'");
        run("diff", "-l", "42", "a.txt", "b.txt").fails(2, "1 to 9");
        run("diff", "--raw", "a.txt", "b.txt").fails(2, "native format");
        run("diff", "--raw", "-s", "dict", "a.txt", "b.txt").fails(2, "native");
        run("apply", "--raw", "a.txt", "b.txt").fails(2, "-s");
        run("chain", "init", "c", "--policy", "sometimes").fails(2, "snapshot, rebase or merge");
        Result meaningless = run("chain", "init", "c", "--max-chain-length", "5").fails(2, "--max-chain-length");
        assertTrue(meaningless.stderr().contains("--policy snapshot"), meaningless.stderr());
        assertFalse(Files.exists(dir.resolve("c")), "no chain is created");
        run("diff", "--max-size", "lots", "a.txt", "b.txt").fails(2, "not a size");
        run("diff", "--max-size", "3G", "a.txt", "b.txt").fails(2, "at most 2G");
        run("diff", "-", "-").fails(2, "both be standard input");
    }

    @Test
    void outputIsAtomic() throws Exception {
        file("a.txt", "first\n");
        file("b.txt", "second\n");
        run("diff", "a.txt", "b.txt", "-o", "p").ok();
        file("out", "precious");
        run("apply", "b.txt", "p", "-o", "out").fails(1, "SHA-256");
        assertEquals("precious", Files.readString(dir.resolve("out")), "a failed command leaves OUT untouched");
        run("apply", "b.txt", "p", "-o", "new-out").fails(1, "SHA-256");
        java.nio.file.attribute.PosixFilePermission[] rw = {java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.GROUP_READ};
        Files.setPosixFilePermissions(dir.resolve("out"), java.util.Set.of(rw));
        run("apply", "a.txt", "p", "-o", "out").ok();
        assertEquals(java.util.Set.of(rw), Files.getPosixFilePermissions(dir.resolve("out")),
                "an existing OUT keeps its permissions");
        run("apply", "a.txt", "p", "-o", "fresh-out").ok();
        assertTrue(Files.getPosixFilePermissions(dir.resolve("fresh-out"))
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ), "a new OUT is readable");
        assertFalse(Files.exists(dir.resolve("new-out")), "a failed command creates no OUT");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void chainCommands() throws Exception {
        run("chain", "init", "hist", "--snapshot-every", "2").ok();
        for (int i = 0; i < 4; i++) {
            file("v" + i + ".txt", "line\n".repeat(20) + "version " + i + "\n");
        }
        String added = run("chain", "add", "hist", "v0.txt", "v1.txt", "v2.txt", "v3.txt").ok().out();
        assertEquals(4, added.lines().count(), added);
        assertEquals("line\n".repeat(20) + "version 0\n", run("chain", "get", "hist", "0").ok().out());
        assertEquals("line\n".repeat(20) + "version 3\n", run("chain", "get", "hist", "-1").ok().out());
        assertEquals("line\n".repeat(20) + "version 2\n", run("chain", "get", "hist", "2").ok().out());
        run("chain", "get", "hist", "9").fails(1, "no version 9");
        String log = run("chain", "log", "hist").ok().out();
        assertEquals(5, log.lines().count(), log);
        assertTrue(run("chain", "verify", "hist").ok().out().startsWith("ok: 4 versions"));
        String metrics = run("chain", "metrics", "--json", "hist").ok().out();
        assertTrue(metrics.contains("\"length\": 4"), metrics);
        assertTrue(run("chain", "metrics", "hist").ok().out().contains("longestReconstructionPath"));
        Path record; // the segment: its last frame is the record of version 3
        try (java.util.stream.Stream<Path> list = Files.list(dir.resolve("hist"))) {
            record = list.filter(p -> p.toString().endsWith(".dseg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length - 10] ^= 1;
        Files.write(record, bytes);
        Result verify = run("chain", "verify", "hist");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("FAULT record of version 3"), verify.out());
        run("chain", "init", "hist").fails(1, "already holds a chain");
        run("chain", "add", "nowhere", "v0.txt").fails(1, "does not exist");
        run("chain", "init", "json", "-s", "dict").ok();
        file("j0.json", "{\"a\": 1}");
        file("j1.json", "{\"a\": 2, \"b\": [true]}");
        run("chain", "add", "json", "j0.json", "j1.json").ok();
        assertEquals("{\"a\":2,\"b\":[true]}\n", run("chain", "get", "json", "1").ok().out());
    }

    @Test
    void aDamagedRecordFailsOnlyItsVersionsAndSalvageAndExportKeepTheRest() throws Exception {
        run("chain", "init", "hist", "--snapshot-every", "4").ok();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(file("v" + i + ".txt", "line\n".repeat(10) + "version " + i + "\n").getFileName().toString());
        }
        List<String> add = new ArrayList<>(List.of("chain", "add", "hist"));
        add.addAll(files);
        run(add.toArray(String[]::new)).ok();
        // Format 2 (docs/FORMAT.md): index entry i at 16 + 40 i holds the record's offset (bytes 12-19)
        // and length (20-23) in the segment.
        Path index;
        Path segment;
        try (Stream<Path> list = Files.list(dir.resolve("hist"))) {
            List<Path> all = list.sorted().toList();
            index = all.stream().filter(p -> p.toString().endsWith(".didx")).findFirst().orElseThrow();
            segment = all.stream().filter(p -> p.toString().endsWith(".dseg")).findFirst().orElseThrow();
        }
        ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(index), 16 + 40 * 5, 40).slice();
        long offset = entry.getLong(12);
        int length = entry.getInt(20);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) (offset + length / 2)] ^= 4;
        Files.write(segment, bytes);

        Result get = run("chain", "get", "hist", "6").fails(1, "record of version 5 (");
        assertTrue(get.stderr().contains("'delta chain verify hist' lists every fault")
                && get.stderr().contains("'delta chain salvage hist NEW' copies every version that reads"), get.stderr());
        for (String api : List.of("damagedVersions()", "verify()")) {
            assertFalse(get.stderr().contains(api), "the API's words in: " + get.stderr());
        }
        assertEquals(1, get.stderr().split("cannot be read", -1).length - 1, "said once: " + get.stderr());
        assertEquals("line\n".repeat(10) + "version 4\n", run("chain", "get", "hist", "4").ok().out());
        assertEquals("line\n".repeat(10) + "version 9\n", run("chain", "get", "hist", "-1").ok().out());
        Result log = run("chain", "log", "hist").fails(1, "versions 5 to 7 cannot be read");
        Result verifyJson = run("chain", "verify", "--json", "hist").fails(1, "failed verification: 1 fault(s)");
        assertTrue(verifyJson.out().contains("\"ok\": false") && verifyJson.out().contains("\"faults\": [")
                && verifyJson.out().contains("versions 6 to 7 rebuild through it"), verifyJson.out());
        assertEquals(11, log.out().lines().count(), log.out());
        assertTrue(log.out().lines().anyMatch(l -> l.startsWith("5 ") && l.contains("DAMAGED")), log.out());
        Result json = run("chain", "log", "--json", "hist").fails(1, "versions 5 to 7");
        assertTrue(json.out().contains("\"damaged\": null") && json.out().contains("record of version 5 ("), json.out());
        Result verify = run("chain", "verify", "hist");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("FAULT record of version 5 (hist/") && verify.out().contains(
                "at offset " + offset), verify.out());

        Result salvage = run("chain", "salvage", "hist", "copy").fails(1, "versions 5 to 7 cannot be read");
        assertEquals(1, salvage.stderr().split("cannot be read", -1).length - 1, "said once: " + salvage.stderr());
        assertTrue(salvage.out().contains("salvaged 7 of 10 versions into copy; left out: 5 to 7"), salvage.out());
        assertTrue(run("chain", "verify", "copy").ok().out().startsWith("ok: 7 versions"));
        assertEquals("line\n".repeat(10) + "version 8\n", run("chain", "get", "copy", "5").ok().out());
        run("chain", "salvage", "hist", "hist/inside").fails(2, "inside");

        Result export = run("chain", "export", "hist", "out").fails(1, "versions 5 to 7");
        assertTrue(export.out().contains("exported 7 of 10 versions to out; not written: 5 to 7"), export.out());
        assertEquals("line\n".repeat(10) + "version 9\n", Files.readString(dir.resolve("out/000000009.bin")));
        assertFalse(Files.exists(dir.resolve("out/000000006.bin")));
        run("chain", "export", "hist", "out").fails(1, "not empty");
        run("chain", "salvage", "hist", "copy").fails(1, "copy is not empty (it holds ");
        run("chain", "salvage", "hist", "copy").fails(1, ", a chain); name a new or empty directory for the copy");
    }

    /** Creates chain {@code hist} (snapshots every 4) of {@code versions} text files; returns its file ending so. */
    private Path histOf(int versions, String ending) throws Exception {
        run("chain", "init", "hist", "--snapshot-every", "4").ok();
        List<String> add = new ArrayList<>(List.of("chain", "add", "hist"));
        for (int i = 0; i < versions; i++) {
            add.add(file("v" + i + ".txt", "line\n".repeat(10) + "version " + i + "\n").getFileName().toString());
        }
        run(add.toArray(String[]::new)).ok();
        try (Stream<Path> list = Files.list(dir.resolve("hist"))) {
            return list.filter(p -> p.toString().endsWith(ending)).findFirst().orElseThrow();
        }
    }

    @Test
    void salvageAndExportReadTheSegmentAloneWhenTheManifestOrIndexIsUnusable() throws Exception {
        Path index = histOf(10, ".didx");
        Files.write(dir.resolve("hist/manifest.json"), new byte[0]);
        Result salvage = run("chain", "salvage", "hist", "copy").fails(1, "10 versions found");
        assertTrue(salvage.out().contains("salvaged 10 of 10 versions into copy"), salvage.out());
        assertTrue(salvage.stderr().contains("from the frames of") && salvage.stderr().contains("10 versions found"),
                salvage.stderr());
        assertTrue(run("chain", "verify", "copy").ok().out().startsWith("ok: 10 versions"));
        assertEquals("line\n".repeat(10) + "version 9\n", run("chain", "get", "copy", "9").ok().out());
        Files.delete(index);
        Result export = run("chain", "export", "hist", "out").fails(1, "from the frames of");
        assertTrue(export.out().contains("exported 10 of 10 versions to out"), export.out());
        assertEquals("line\n".repeat(10) + "version 7\n", Files.readString(dir.resolve("out/000000007.bin")));
    }

    /**
     * The newcomer's findings: salvage kept neither the chain's strategy (a damaged manifest made the copy
     * 'none', the last record's) nor any version's timestamp; log showed the versions that rebuild through a
     * damaged record as if they read.
     */
    @Test
    void salvageKeepsTimestampsTakesAutoWhenTheManifestIsGoneAndTakesOtherSettings() throws Exception {
        histOf(6, ".didx");
        String record = run("chain", "delta", "--json", "hist", "2", "3").ok().out();
        assertTrue(record.startsWith("{") && record.contains("\"payload\"") && record.endsWith("}\n"), record);
        String ok = run("chain", "verify", "--json", "hist").ok().out();
        assertTrue(ok.contains("\"ok\": true") && ok.contains("\"versionsChecked\": 6") && ok.contains("\"faults\": []"),
                ok);
        String log = run("chain", "log", "--json", "hist").ok().out();
        Files.write(dir.resolve("hist/manifest.json"), new byte[0]);
        Result salvage = run("chain", "salvage", "hist", "copy").fails(1, "6 versions found");
        assertTrue(salvage.out().contains("setting: strategy auto: the default")
                && salvage.out().contains("policy snapshot (keep every version)"), salvage.out());
        assertTrue(Files.readString(dir.resolve("copy/manifest.json")).contains("\"strategy\":\"auto\""),
                Files.readString(dir.resolve("copy/manifest.json")));
        String copied = run("chain", "log", "--json", "copy").ok().out();
        for (int i = 1; i < 6; i++) {
            String stamp = field(log, i, "timestamp");
            assertEquals(stamp, field(copied, i, "timestamp"), "version " + i + "'s timestamp");
        }
        run("chain", "salvage", "-s", "bsdiff", "-c", "identity", "copy", "pinned").ok();
        String pinned = Files.readString(dir.resolve("pinned/manifest.json"));
        assertTrue(pinned.contains("\"strategy\":\"bsdiff\"") && pinned.contains("\"codec\":\"identity\""), pinned);
        assertEquals("line\n".repeat(10) + "version 5\n", run("chain", "get", "pinned", "5").ok().out());
    }

    @Test
    void logSaysWhichVersionsDoNotReadWhenARecordIsDamaged() throws Exception {
        Path index = histOf(8, ".didx");
        ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(index), 16 + 40 * 5, 40).slice();
        Path segment = index.resolveSibling(index.getFileName().toString().replace(".didx", ".dseg"));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) (entry.getLong(12) + entry.getInt(20) / 2)] ^= 4;
        Files.write(segment, bytes);
        Result log = run("chain", "log", "hist").fails(1, "versions 5 to 7 cannot be read");
        Result verifyJson = run("chain", "verify", "--json", "hist").fails(1, "failed verification: 1 fault(s)");
        assertTrue(verifyJson.out().contains("\"ok\": false") && verifyJson.out().contains("\"faults\": [")
                && verifyJson.out().contains("versions 6 to 7 rebuild through it"), verifyJson.out());
        List<String> lines = log.out().lines().toList();
        assertTrue(lines.get(0).trim().endsWith("READS"), lines.get(0));
        for (int i = 0; i < 8; i++) {
            assertTrue(lines.get(i + 1).trim().endsWith(i >= 5 ? "no" : "yes"), lines.get(i + 1));
        }
    }

    /** @return the value of {@code key} in version {@code i}'s object of a {@code chain log --json} output */
    private static String field(String json, int i, String key) {
        int at = json.indexOf("\"index\": " + i + ",");
        int k = json.indexOf("\"" + key + "\": ", at) + key.length() + 4;
        return json.substring(k, json.indexOf('\n', k)).replace(",", ""); // one key per line (the --json output)
    }

    /** Issue 19: salvage from the frames goes on past a bad record, names what it skipped and where each setting came from. */
    @Test
    void salvageFromTheFramesSkipsABadRecordAndSaysWhatItLostAndWhereTheSettingsCameFrom() throws Exception {
        Path index = histOf(10, ".didx");
        Files.delete(index);
        Path segment = index.resolveSibling(index.getFileName().toString().replace(".didx", ".dseg"));
        byte[] bytes = Files.readAllBytes(segment);
        int record = -1;
        for (int k = 0, at = 0; k < 5; k++, at = record + 1) { // version 0 has no record: the 5th is version 5's
            record = indexOf(bytes, "DLTC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), at); // record frames (store format 4)
        }
        bytes[record + 40] ^= 1;
        Files.write(segment, bytes);
        Result salvage = run("chain", "salvage", "hist", "copy").fails(1, "versions 5 to 7");
        assertTrue(salvage.out().contains("salvaged 7 of 10 versions into copy; left out: 5 to 7"), salvage.out());
        assertTrue(salvage.stderr().contains("1 run of bytes skipped"), salvage.stderr());
        assertTrue(salvage.out().contains("skipped: ") && salvage.out().contains("bytes " + record + " to ")
                && salvage.out().contains("versions 5 to 7 are lost, the scan went on at offset"), salvage.out());
        assertTrue(salvage.out().contains("setting: ") && salvage.out().contains("snapshot interval 4: from"
                + " manifest.json"), salvage.out());
        assertEquals("line\n".repeat(10) + "version 9\n", run("chain", "get", "copy", "6").ok().out());
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        for (int i = from; i + what.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aDamagedBaseIsShownDamagedWithoutSizesInLogAndUncountedInMetrics() throws Exception {
        Path segment = histOf(6, ".dseg");
        byte[] bytes = Files.readAllBytes(segment);
        bytes[16 + 20] ^= 4; // inside version 0's snapshot frame, right after the 16-byte header
        Files.write(segment, bytes);
        Result log = run("chain", "log", "hist").fails(1, "cannot be read");
        assertTrue(log.out().lines().anyMatch(l -> l.startsWith("0 ") && l.contains("DAMAGED")), log.out());
        assertFalse(log.out().contains("(base)"), log.out());
        Result json = run("chain", "log", "--json", "hist").fails(1, "cannot be read");
        String first = json.out().substring(json.out().indexOf("\"index\": 0"), json.out().indexOf("\"index\": 1"));
        assertFalse(first.contains("rawSize"), first);
        Result metrics = run("chain", "metrics", "--json", "hist").fails(1, "cannot be read");
        assertTrue(metrics.out().contains("\"rawBytes\": null") && metrics.out().contains("\"uncountedVersions\": 1"),
                metrics.out());
    }

    @Test
    void verifyLabelsAFaultByItsFileAndNamesTheByteAndTheWayOn() throws Exception {
        Path index = histOf(4, ".didx");
        byte[] whole = Files.readAllBytes(index);
        byte[] bad = whole.clone();
        bad[5] ^= 1;
        Files.write(index, bad);
        Result flipped = run("chain", "verify", "hist").fails(1, "byte 5 (reserved) is 0x01, not 0");
        assertTrue(flipped.out().startsWith("FAULT index: "), flipped.out());
        Files.delete(index);
        Result lost = run("chain", "verify", "hist").fails(1, ".didx is missing");
        assertTrue(lost.out().startsWith("FAULT index: ") && lost.out().contains("delta chain salvage hist NEW"),
                lost.out());
        assertFalse(lost.stderr().contains("reopen") || lost.stderr().contains("run 'delta chain verify"), lost.stderr());
    }

    @Test
    void chainRecordsFeedAReplica() throws Exception {
        run("chain", "init", "hist").ok();
        run("chain", "init", "replica").ok();
        for (int i = 0; i < 5; i++) {
            file("v" + i + ".txt", "line\n".repeat(10) + "version " + i + "\n");
        }
        run("chain", "add", "hist", "v0.txt", "v1.txt", "v2.txt", "v3.txt", "v4.txt").ok();
        run("chain", "add", "replica", "v0.txt").ok();
        run("chain", "delta", "hist", "0", "-1", "-o", "r.dltr").ok();
        run("chain", "add-record", "replica", "r.dltr").fails(1, "claims to produce version 4, but the chain in replica"
                + " would add it as version 1 (its newest is 0); add --renumber");
        run("chain", "get", "replica", "1").fails(1, "no version 1");
        assertTrue(run("chain", "add-record", "replica", "r.dltr", "--renumber").ok().out()
                .startsWith("version 1: from record r.dltr"));
        assertEquals("line\n".repeat(10) + "version 4\n", run("chain", "get", "replica", "1").ok().out());
        run("chain", "add-record", "replica", "r.dltr").fails(1, "newest version 1");
        run("chain", "delta", "hist", "3", "2", "-o", "back.dltr").ok();
        assertEquals("line\n".repeat(10) + "version 2\n", run("apply", "v3.txt", "back.dltr").ok().out());
        run("chain", "delta", "hist", "0", "9", "-o", "x.dltr").fails(1, "no version 9");
        run("chain", "delta", "hist", "0", "1", "-o", "hist/x.dltr").fails(2, "inside the chain's directory");
        run("chain", "add-record", "replica", "v0.txt").fails(1, "Deltachain record");
    }

    @Test
    void pluginJarFromDeltaPluginsIsFoundAndUsed() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("my-plugins"));
        Path jar = Path.of(System.getProperty("delta.example.plugin"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Map<String, String> env = Map.of("DELTA_PLUGINS", plugins.toString());
        String list = run(env, null, "strategies").ok().out();
        assertTrue(list.lines().anyMatch(l -> l.startsWith("append-only ") && l.contains("delta-example-strategy")), list);
        file("log1", "a\nb\n");
        file("log2", "a\nb\nc\n");
        run(env, null, "diff", "-s", "append-only", "log1", "log2", "-o", "p").ok();
        assertTrue(run(env, null, "inspect", "p").ok().out().contains("append-only"));
        assertEquals("a\nb\nc\n", run(env, null, "apply", "log1", "p").ok().out());
        run("apply", "log1", "p").fails(1, "append-only");
    }

    @Test
    void demoRunsOnBuiltInData() throws Exception {
        String out = run("demo").ok().out();
        assertTrue(out.contains("dict delta"), out);
        assertTrue(out.contains("CorruptDeltaException"), out);
        assertTrue(out.contains("StateMismatchException"), out);
        assertTrue(out.contains("verify(): ok"), out);
    }

    @Test
    void bsdiffNativePatchesMeetBspatchAndBsdiff() throws Exception {
        byte[] nw = oldAndNewBinaries(7);
        assertTrue(run("strategies").ok().out().lines().anyMatch(l -> l.startsWith("bsdiff ") && l.contains("BSDIFF40")));
        run("diff", "-s", "bsdiff", "--raw", "old.bin", "new.bin", "-o", "p.bsdiff").ok();
        assertTrue(new String(Files.readAllBytes(dir.resolve("p.bsdiff")), 0, 8, StandardCharsets.US_ASCII)
                .equals("BSDIFF40"));
        run("apply", "--raw", "-s", "bsdiff", "old.bin", "p.bsdiff", "-o", "out.bin").ok();
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("out.bin")));
        run("diff", "-s", "bsdiff", "old.bin", "new.bin", "-o", "p.dltr").ok();
        assertArrayEquals(nw, run("apply", "old.bin", "p.dltr").ok().stdout());
        run("apply", "--raw", "-s", "bsdiff", "old.bin", "p.dltr").fails(1, "without --raw");
        Path bspatch = Path.of("/usr/bin/bspatch");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bspatch),
                "SKIPPED: Debian's bsdiff is not installed (apt-get install -y bsdiff); .ci/run installs it");
        Process p = new ProcessBuilder(bspatch.toString(), "old.bin", "bspatched.bin", "p.bsdiff").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("bspatched.bin")), "bspatch applies our patch");
        Process q = new ProcessBuilder("/usr/bin/bsdiff", "old.bin", "new.bin", "theirs.bsdiff").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertEquals(0, q.waitFor(), new String(q.getInputStream().readAllBytes()));
        run("apply", "--raw", "-s", "bsdiff", "old.bin", "theirs.bsdiff", "-o", "ours.bin").ok();
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("ours.bin")), "we apply bsdiff's patch");
    }

    @Test
    void zstdPatchNativePatchesMeetTheZstdTool() throws Exception {
        byte[] nw = oldAndNewBinaries(8);
        assertTrue(run("strategies").ok().out().lines()
                .anyMatch(l -> l.startsWith("zstd-patch ") && l.contains("zstd --patch-from")));
        run("diff", "-s", "zstd-patch", "--raw", "old.bin", "new.bin", "-o", "p.zst").ok();
        run("apply", "--raw", "-s", "zstd-patch", "old.bin", "p.zst", "-o", "out.bin").ok();
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("out.bin")));
        run("diff", "-s", "zstd-patch", "-c", "zstd", "-l", "19", "old.bin", "new.bin", "-o", "p.dltr").ok();
        assertArrayEquals(nw, run("apply", "old.bin", "p.dltr").ok().stdout());
        Path zstd = Path.of("/usr/bin/zstd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(zstd),
                "SKIPPED: Debian's zstd is not installed (apt-get install -y zstd); .ci/run installs it");
        Process p = new ProcessBuilder(zstd.toString(), "-q", "-d", "--patch-from=old.bin", "p.zst", "-o", "theirs.bin")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("theirs.bin")), "zstd -d --patch-from decodes our patch");
        Process q = new ProcessBuilder(zstd.toString(), "-q", "-19", "--patch-from=old.bin", "new.bin", "-o", "t.zst")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertEquals(0, q.waitFor(), new String(q.getInputStream().readAllBytes()));
        run("apply", "--raw", "-s", "zstd-patch", "old.bin", "t.zst", "-o", "ours.bin").ok();
        assertArrayEquals(nw, Files.readAllBytes(dir.resolve("ours.bin")), "we apply zstd --patch-from's patch");
    }

    /** Writes old.bin (300,000 random bytes) and new.bin (100 of them changed); returns new.bin's bytes. */
    private byte[] oldAndNewBinaries(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] old = new byte[300_000];
        random.nextBytes(old);
        byte[] nw = old.clone();
        for (int i = 0; i < 100; i++) {
            nw[random.nextInt(nw.length)] = (byte) random.nextInt();
        }
        file("old.bin", old);
        file("new.bin", nw);
        return nw;
    }

    @Test
    void aTwoGibibyteFileIsRefusedNamingTheLimit() throws Exception {
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(dir.resolve("huge.bin").toFile(), "rw")) {
            sparse.setLength(2L << 30);
        }
        file("small.bin", new byte[10]);
        run("diff", "-s", "bsdiff", "small.bin", "huge.bin").fails(1, "maxStateBytes");
        run("diff", "-s", "bsdiff", "huge.bin", "small.bin").fails(1, "2147483648");
    }

    // --- what a new user hit (issue items 1 to 15) ---

    private static final Map<String, String> STDOUT_IS_A_TERMINAL = Map.of("DELTA_JAVA_OPTS", "-Ddelta.stdout.tty=true");

    private Path binaryPair() throws IOException {
        Random random = new Random(3);
        byte[] old = new byte[4000];
        random.nextBytes(old);
        byte[] nw = old.clone();
        nw[100] ^= 1;
        file("old.bin", old);
        return file("new.bin", nw);
    }

    @Test
    void binaryOutputIsRefusedOnATerminalUnlessDashOIsExplicit() throws Exception {
        binaryPair();
        file("a.txt", "one\n");
        file("b.txt", "one\ntwo\n");
        Map<String, String> tty = STDOUT_IS_A_TERMINAL;
        run(tty, null, "diff", "a.txt", "b.txt").fails(2, "-o FILE, or -o -");
        run(tty, null, "diff", "-s", "bsdiff", "--raw", "old.bin", "new.bin").fails(2, "binary native patch");
        Result explicit = run(tty, null, "diff", "a.txt", "b.txt", "-o", "-").ok();
        file("p", explicit.stdout());
        assertEquals("one\ntwo\n", run(tty, null, "apply", "a.txt", "p").ok().out(), "text goes to a terminal");
        assertTrue(run(tty, null, "diff", "--json", "a.txt", "b.txt").ok().out().contains("\"strategy\""));
        run("diff", "old.bin", "new.bin", "-o", "pb").ok();
        run(tty, null, "apply", "old.bin", "pb").fails(2, "a binary file");
        run("chain", "init", "bin").ok();
        run("chain", "add", "bin", "old.bin").ok();
        run(tty, null, "chain", "get", "bin", "0").fails(2, "binary version 0");
        assertArrayEquals(Files.readAllBytes(dir.resolve("old.bin")), run(tty, null, "chain", "get", "bin", "0", "-o", "-")
                .ok().stdout());
        assertTrue(run("diff", "a.txt", "b.txt").ok().stdout().length > 0, "a pipe takes a record");
    }

    @Test
    void aRealTerminalIsToldApartByTheLauncher() throws Exception {
        Path script = Path.of("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script),
                "SKIPPED: util-linux 'script' (to run the command on a pseudo-terminal) is not installed");
        file("a.txt", "one\n");
        file("b.txt", "two\n");
        Process p = new ProcessBuilder(script.toString(), "-qec", LAUNCHER.toAbsolutePath() + " diff a.txt b.txt",
                "/dev/null").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("refusing to write a binary record to a terminal"), out);
    }

    @Test
    void maxSizeOfExactlyTwoGigabytesIsAccepted() throws Exception {
        file("a.txt", "a\n");
        file("b.txt", "b\n");
        run("diff", "--max-size", "2G", "a.txt", "b.txt", "-o", "p").ok();
        run("apply", "--max-size", "2048M", "a.txt", "p").ok();
        run("diff", "--max-size", "2147483649", "a.txt", "b.txt").fails(2, "above 2G");
        assertTrue(run("diff", "--help").ok().out().replaceAll("\\s+", " ").contains("2G means 2^31-1 bytes"));
    }

    @Test
    void aDamagedManifestIsNamedInOurWordsWithTheWayOn() throws Exception {
        run("chain", "init", "hist").ok();
        file("v0.txt", "zero\n");
        run("chain", "add", "hist", "v0.txt").ok();
        Path manifest = dir.resolve("hist/manifest.json");
        byte[] whole = Files.readAllBytes(manifest);
        Map<String, byte[]> damages = Map.of("cut short", Arrays.copyOf(whole, whole.length / 2), "empty", new byte[0],
                "not JSON", "garbage\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> damage : damages.entrySet()) {
            Files.write(manifest, damage.getValue());
            List<String[]> commands = damage.getKey().equals("empty") ? List.of(new String[] {"chain", "log", "hist"},
                    new String[] {"chain", "get", "hist", "0"}, new String[] {"chain", "add", "hist", "v0.txt"})
                    : List.<String[]>of(new String[] {"chain", "log", "hist"});
            for (String[] command : commands) {
                Result r = run(command).fails(1, "hist/manifest.json is damaged (" + damage.getKey());
                assertTrue(r.stderr().contains("run 'delta chain verify hist'"), r.stderr());
                for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "Unexpected", "token", "Jackson")) {
                    assertFalse(r.stderr().contains(internal), internal + " in: " + r.stderr());
                }
            }
            Result verify = run("chain", "verify", "hist").fails(1, "hist/manifest.json is damaged");
            assertTrue(verify.out().startsWith("FAULT manifest: "), verify.out());
            assertEquals(1, verify.stderr().split("from a backup", -1).length - 1, "said once: " + verify.stderr());
        }
    }

    @Test
    void chainInitRefusesAFileAndAnUnrelatedDirectoryAndCreatesNothing() throws Exception {
        file("notes.txt", "mine\n");
        run("chain", "init", "notes.txt").fails(1, "notes.txt is a file, not a directory");
        assertEquals("mine\n", Files.readString(dir.resolve("notes.txt")));
        Path photos = Files.createDirectory(dir.resolve("photos"));
        file("photos/cat.jpg", "meow");
        run("chain", "init", "photos").fails(1, "photos is not empty (it holds cat.jpg); name a new or empty directory"
                + " for the chain");
        try (var entries = Files.list(photos)) {
            assertEquals(List.of(photos.resolve("cat.jpg")), entries.toList(), "nothing created");
        }
        Files.createDirectory(dir.resolve("empty"));
        run("chain", "init", "empty").ok();
        assertTrue(Files.isRegularFile(dir.resolve("empty/manifest.json")));
    }

    @Test
    void anOutputThatIsADirectoryOrNamesAnInputIsRefused() throws Exception {
        file("o2", "old\n");
        file("new", "new\n");
        Files.createDirectory(dir.resolve("out-dir"));
        Result r = run("diff", "o2", "new", "-o", "out-dir").fails(1, "OUT out-dir is a directory");
        assertFalse(r.stderr().contains(".tmp"), r.stderr());
        run("diff", "o2", "new", "-o", "o2").fails(2, "OUT o2 is OLD o2 itself");
        run("diff", "o2", "new", "-o", "./new").fails(2, "is NEW new itself");
        Files.createSymbolicLink(dir.resolve("link-to-o2"), dir.resolve("o2"));
        run("diff", "o2", "new", "-o", "link-to-o2").fails(2, "itself");
        Files.createLink(dir.resolve("hard-o2"), dir.resolve("o2"));
        run("diff", "o2", "new", "-o", "hard-o2").fails(2, "itself");
        assertEquals("old\n", Files.readString(dir.resolve("o2")), "the input is untouched");
        run("diff", "o2", "new", "-o", "p").ok();
        run("apply", "o2", "p", "-o", "p").fails(2, "OUT p is PATCH p itself");
        run("apply", "o2", "p", "-o", "hard-o2").fails(2, "OUT hard-o2 is OLD o2 itself");
        run("chain", "init", "hist").ok();
        run("chain", "add", "hist", "o2").ok();
        run("chain", "get", "hist", "0", "-o", "hist/copy").fails(2, "inside the chain's directory");
        run("chain", "get", "hist", "0", "-o", "hist/manifest.json").fails(2, "inside the chain's directory");
    }

    @Test
    void anOutputNeverReplacesAFifoOrADeviceAndWritesThroughSymbolicLinks() throws Exception {
        file("a.txt", "first\n");
        file("b.txt", "second\n");
        run("diff", "a.txt", "b.txt", "-o", "p").ok();

        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        run("apply", "a.txt", "p", "-o", "pipe").ok();
        assertEquals("second\n", new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertEquals("p", fileType(fifo), "still a FIFO");

        Files.writeString(dir.resolve("target.txt"), "before\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
        run("apply", "a.txt", "p", "-o", "link").ok();
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("second\n", Files.readString(dir.resolve("target.txt")), "its target gets the bytes");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("made-by-delta.txt"));
        run("apply", "a.txt", "p", "-o", "dangling").ok();
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("second\n", Files.readString(dir.resolve("made-by-delta.txt")));

        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (!root) {
            System.out.println("SKIPPED: the character-device case needs root (mknod); ran the FIFO and link cases");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "SKIPPED: mknod of a private /dev/null needs root");
        Path devNull = dir.resolve("null");
        assertEquals(0, new ProcessBuilder("mknod", devNull.toString(), "c", "1", "3").start().waitFor());
        run("apply", "a.txt", "p", "-o", "null").ok();
        run("diff", "a.txt", "b.txt", "-o", "null").ok();
        assertEquals("c", fileType(devNull), "still a character device");
    }

    /** {@code -} regular, {@code p} FIFO, {@code c} character device, {@code l} link, {@code d} directory. */
    private static String fileType(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0100000 -> "-";
            case 0010000 -> "p";
            case 0020000 -> "c";
            case 0120000 -> "l";
            case 0040000 -> "d";
            default -> Integer.toOctalString(mode);
        };
    }

    @Test
    void mergeAndRebasePoliciesSayThatTheyFoldedOrDroppedHistory() throws Exception {
        for (int i = 0; i < 12; i++) {
            file("v" + i + ".txt", "line\n".repeat(10) + "version " + i + "\n");
        }
        run("chain", "init", "merged", "--policy", "merge", "--max-chain-length", "10").ok();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            files.add("v" + i + ".txt");
        }
        List<String> args = new ArrayList<>(List.of("chain", "add", "merged"));
        args.addAll(files);
        List<String> lines = run(args.toArray(String[]::new)).ok().out().lines().toList();
        assertTrue(lines.get(10).startsWith("version 10: "), lines.get(10));
        assertTrue(lines.get(10).endsWith("; merge policy folded versions 1 to 7 into one: the chain now holds versions"
                + " 0 to 4, this one is version 4"), lines.get(10));
        assertEquals("line\n".repeat(10) + "version 10\n", run("chain", "get", "merged", "4").ok().out());
        run("chain", "init", "rebased", "--policy", "rebase", "--max-chain-length", "3").ok();
        String rebased = run("chain", "add", "rebased", "v0.txt", "v1.txt", "v2.txt", "v3.txt").ok().out();
        assertTrue(rebased.lines().toList().get(3).equals("version 3: v3.txt; rebase policy made it the only version:"
                + " the chain restarts at version 0 (versions 0 to 2 dropped)"), rebased);
    }

    @Test
    void chainLogMarksEverySnapshotAndSizesVersionZero() throws Exception {
        run("chain", "init", "hist", "--snapshot-every", "2").ok();
        for (int i = 0; i < 5; i++) {
            file("v" + i + ".txt", "line\n".repeat(20) + "version " + i + "\n");
        }
        run("chain", "add", "hist", "v0.txt", "v1.txt", "v2.txt", "v3.txt", "v4.txt").ok();
        List<String[]> rows = run("chain", "log", "hist").ok().out().lines().map(l -> l.trim().split("\\s+")).toList();
        assertEquals(List.of("INDEX", "SNAP", "TIME", "STRATEGY", "RAW", "STORED", "RATIO"), List.of(rows.get(0)));
        long size = Files.size(dir.resolve("v0.txt"));
        assertEquals(List.of("0", "*", "-", "(base)", String.valueOf(size), String.valueOf(size), "1.0"), List.of(rows.get(1)));
        for (int i = 1; i <= 4; i++) {
            assertEquals(i % 2 == 0, rows.get(i + 1)[1].equals("*"), "snapshot mark of version " + i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) CanonicalJson.parse(run("chain", "log", "--json", "hist").ok()
                .stdout(), Limits.defaults());
        assertEquals(5, ((Number) json.get("length")).intValue());
        assertEquals(2, ((Number) json.get("snapshotEvery")).intValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) json.get("versions");
        assertEquals(java.util.Set.of("index", "snapshot", "timestamp", "strategy", "rawSize", "storedSize", "ratio",
                "damaged"), versions.get(3).keySet());
        assertNull(versions.get(3).get("damaged"));
        assertEquals(true, versions.get(0).get("snapshot"));
        assertEquals(size, ((Number) versions.get(0).get("rawSize")).longValue());
        assertEquals(null, versions.get(0).get("timestamp"));
        assertEquals(false, versions.get(3).get("snapshot"));
        assertEquals(true, versions.get(4).get("snapshot"));
    }

    /** The breaker's repro (docs/robustness/store-faults): an acknowledged version's index entry cut in half. */
    /** A text chain "hist" of four versions whose index file is then cut {@code bytes} short. */
    private void fourVersionsWithTheIndexCut(int bytes) throws Exception {
        run("chain", "init", "hist").ok();
        for (int i = 0; i < 4; i++) {
            file("v" + i + ".txt", "line\n".repeat(20) + "version " + i + "\n");
        }
        run("chain", "add", "hist", "v0.txt", "v1.txt", "v2.txt", "v3.txt").ok();
        Path index;
        try (var files = Files.list(dir.resolve("hist"))) {
            index = files.filter(p -> p.toString().endsWith(".didx")).findFirst().orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(index, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(index) - bytes);
        }
    }

    @Test
    void anIndexEntryCutInHalfIsAFaultForVerifyAndRolledForwardByTheNextAddWithAWarning() throws Exception {
        fourVersionsWithTheIndexCut(20);
        Result verify = run("chain", "verify", "hist");
        assertEquals(1, verify.code(), verify.stderr());
        assertTrue(verify.out().contains("FAULT") && verify.out().contains("into the entry of version 3"), verify.out());
        assertEquals("line\n".repeat(20) + "version 3\n", run("chain", "get", "hist", "3").ok().out());
        file("v4.txt", "four\n");
        Result add = run("chain", "add", "hist", "v4.txt");
        assertEquals(0, add.code(), add.stderr());
        assertTrue(add.stderr().contains("delta: warning: recovered the chain before writing: rebuilt the index entry"
                + " of version 3"), add.stderr());
        assertTrue(add.out().contains("version 4"), add.out());
        assertEquals("line\n".repeat(20) + "version 3\n", run("chain", "get", "hist", "3").ok().out());
        run("chain", "verify", "hist").ok();
    }

    @Test
    void anIndexCutAtAnEntrysBoundaryIsNotedByVerifyAndSalvageFromFramesKeepsTheVersion() throws Exception {
        fourVersionsWithTheIndexCut(40);
        Result verify = run("chain", "verify", "hist").ok();
        assertTrue(verify.out().startsWith("NOTE ") && verify.out().contains("whole frames of version 3")
                && verify.out().contains("ok: 3 versions verified"), verify.out());
        Result salvage = run("chain", "salvage", "--from-frames", "hist", "copy");
        assertEquals(1, salvage.code(), salvage.stderr());
        assertTrue(salvage.stderr().contains("as --from-frames asks"), salvage.stderr());
        assertEquals("line\n".repeat(20) + "version 3\n", run("chain", "get", "copy", "3").ok().out());
        file("other.txt", "other\n");
        Result add = run("chain", "add", "hist", "other.txt");
        assertEquals(0, add.code(), add.stderr());
        assertTrue(add.stderr().contains("the whole frames of version 3, whose index entry was never written"), add.stderr());
        Result after = run("chain", "verify", "hist").ok();
        assertFalse(after.out().contains("NOTE"), after.out());
    }

    @Test
    void aBadFileInChainAddSaysWhichFilesWereAddedAndWhichWereNot() throws Exception {
        run("chain", "init", "docs", "-s", "dict").ok();
        file("1.json", "{\"a\": 1}");
        file("2.json", "{\"a\": 2}");
        file("3.json", "{\"a\": ");
        file("4.json", "{\"a\": 4}");
        file("5.json", "{\"a\": 5}");
        Result r = run("chain", "add", "docs", "1.json", "2.json", "3.json", "4.json", "5.json")
                .fails(1, "FILE 3.json is not valid json-map");
        assertTrue(r.stderr().contains("added 1.json, 2.json as versions 0 to 1; not added: 3.json, 4.json, 5.json"),
                r.stderr());
        assertEquals(2, r.out().lines().count(), r.out());
        assertEquals("{\"a\":2}\n", run("chain", "get", "docs", "-1").ok().out());
        run("chain", "add", "docs", "3.json", "4.json").fails(1, "nothing was added; not added: 3.json, 4.json");
        file("big.json", "{\"a\": \"" + "x".repeat(2000) + "\"}");
        Result limit = run("chain", "add", "--max-size", "1K", "docs", "4.json", "big.json", "5.json")
                .fails(1, "added 4.json as version 2; not added: big.json, 5.json");
        assertTrue(limit.stderr().contains("--max-size"), "a limit keeps its hint: " + limit.stderr());
    }

    @Test
    void helpCompletionAndManPagesComeFromTheSameModel() throws Exception {
        assertEquals(run("chain", "log", "--help").ok().out(), run("help", "chain", "log").ok().out());
        assertEquals(run("diff", "--help").ok().out(), run("help", "diff").ok().out());
        run("help", "chain", "bogus").fails(2, "no command 'bogus'");
        String completion = run("completion").ok().out();
        assertTrue(completion.contains("complete -F _complete_delta"), completion);
        assertTrue(completion.contains("rebaseline") && completion.contains("--max-size"), "commands and options");
        assertTrue(completion.contains("ZSH_VERSION"), "the script serves zsh too");
        String wrote = run("manpage", "man").ok().out();
        assertTrue(wrote.startsWith("wrote "), wrote);
        String page = Files.readString(dir.resolve("man/delta-chain-log.adoc"));
        assertTrue(page.contains(":doctype: manpage") && page.contains("*--json*"), page);
        assertTrue(Files.isRegularFile(dir.resolve("man/delta.adoc")));
    }

    @Test
    void tablesHaveAJsonTwin() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) CanonicalJson.parse(run("strategies", "--json").ok().stdout(),
                Limits.defaults());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> providers = (List<Map<String, Object>>) json.get("providers");
        Map<String, Object> bsdiff = providers.stream().filter(p -> p.get("id").equals("bsdiff")).findFirst().orElseThrow();
        assertEquals(java.util.Set.of("id", "kind", "stateFormat", "nativeFormat", "providedBy"), bsdiff.keySet());
        assertEquals("BSDIFF40", bsdiff.get("nativeFormat"));
        assertEquals(List.of(), json.get("failures"));
        assertTrue(providers.stream().anyMatch(p -> p.get("id").equals("gzip") && p.get("kind").equals("codec")));
    }

    @Test
    void diffWritesTheRecordsJsonFormAndPrettyIndentsIt() throws Exception {
        file("a.json", "{\"a\": 1, \"b\": 2}");
        file("b.json", "{\"a\": 1, \"b\": 3}");
        Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        byte[] wire = run(epoch, null, "diff", "-s", "dict", "a.json", "b.json").ok().stdout();
        String json = run(epoch, null, "diff", "-s", "dict", "--json", "a.json", "b.json").ok().out();
        assertEquals(1, json.lines().count(), "canonical JSON, one line");
        assertEquals(io.deltachain.core.DeltaRecord.fromBytes(wire), io.deltachain.core.DeltaRecord.fromJson(json.strip()));
        String pretty = run(epoch, null, "diff", "-s", "dict", "--json", "--pretty", "a.json", "b.json").ok().out();
        assertTrue(pretty.contains("\n  \"strategy\": \"dict\",\n"), pretty);
        assertEquals(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), Limits.defaults()),
                CanonicalJson.parse(pretty.getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        run("diff", "--pretty", "a.json", "b.json").fails(2, "add --json");
        binaryPair();
        run("diff", "-s", "bsdiff", "--raw", "--pretty", "old.bin", "new.bin", "-o", "x").fails(2, "binary native patch");
        run("diff", "-s", "bsdiff", "--raw", "--json", "old.bin", "new.bin", "-o", "x").fails(2, "exclude each other");
    }

    @Test
    void commonOptionsWorkBeforeAndAfterEveryCommandName() throws Exception {
        run("chain", "init", "d").ok();
        for (String[] args : List.of(new String[] {"--verbose", "chain", "log", "d"},
                new String[] {"chain", "--verbose", "log", "d"}, new String[] {"chain", "log", "--verbose", "d"},
                new String[] {"--max-size", "1M", "chain", "log", "d"}, new String[] {"chain", "--max-size=1M", "log", "d"},
                new String[] {"--verbose", "strategies"}, new String[] {"strategies", "--verbose"})) {
            run(args).ok();
        }
        file("a.txt", "version one\n");
        file("b.txt", "version two\n");
        run("--max-size", "4", "diff", "a.txt", "b.txt").fails(1, "--max-size");
        run("chain", "--max-size", "4", "add", "d", "a.txt").fails(1, "--max-size");
        Result verbose = run("chain", "--verbose", "add", "nowhere", "a.txt");
        assertEquals(1, verbose.code());
        assertTrue(verbose.stderr().contains("at io.deltachain"), verbose.stderr());
    }

    @Test
    void recordsAreReproducibleWithSourceDateEpochOrTimestamp() throws Exception {
        file("a.txt", "alpha\n".repeat(30));
        file("b.txt", "alpha\n".repeat(30) + "beta\n");
        Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "0");
        run(epoch, null, "diff", "a.txt", "b.txt", "-o", "p1").ok();
        Thread.sleep(5);
        run(epoch, null, "diff", "a.txt", "b.txt", "-o", "p2").ok();
        assertArrayEquals(Files.readAllBytes(dir.resolve("p1")), Files.readAllBytes(dir.resolve("p2")));
        assertTrue(run("inspect", "p1").ok().out().contains("1970-01-01T00:00:00Z"));
        run(epoch, null, "diff", "--timestamp", "@86400", "a.txt", "b.txt", "-o", "p3").ok();
        assertTrue(run("inspect", "p3").ok().out().contains("1970-01-02T00:00:00Z"), "--timestamp wins");
        run("diff", "--timestamp", "2024-05-01T12:00:00+02:00", "a.txt", "b.txt", "-o", "p4").ok();
        assertTrue(run("inspect", "p4").ok().out().contains("2024-05-01T10:00:00Z"));
        run("diff", "--timestamp", "yesterday", "a.txt", "b.txt").fails(2, "not a time");
        run(Map.of("SOURCE_DATE_EPOCH", "soon"), null, "diff", "a.txt", "b.txt").fails(2, "SOURCE_DATE_EPOCH");
        run("chain", "init", "hist").ok();
        run(Map.of("SOURCE_DATE_EPOCH", "1700000000"), null, "chain", "add", "hist", "a.txt").ok();
        run(Map.of("SOURCE_DATE_EPOCH", "1700000000"), null, "chain", "add", "hist", "b.txt").ok();
        run("chain", "add", "--timestamp", "@1800000000", "hist", "a.txt").ok();
        String log = run("chain", "log", "hist").ok().out();
        assertTrue(log.contains("2023-11-14T22:13:20Z") && log.contains("2027-01-15T08:00:00Z"), log);
    }

    @Test
    void rebaselineKeepsTheNewestVersionAndClearNeedsYes() throws Exception {
        run("chain", "init", "hist", "-s", "dict").ok();
        file("1.json", "{\"v\": 1}");
        file("2.json", "{\"v\": 2}");
        file("3.json", "{\"v\": 3}");
        run("chain", "add", "hist", "1.json", "2.json", "3.json").ok();
        assertEquals("version 2 is now version 0, the only one; removed versions 0 to 1 from hist\n",
                run("chain", "rebaseline", "hist").ok().out());
        assertEquals("{\"v\":3}\n", run("chain", "get", "hist", "0").ok().out());
        assertTrue(run("chain", "metrics", "hist").ok().out().contains("rebaselines                1"));
        run("chain", "clear", "hist").fails(2, "add --yes");
        assertEquals(1, run("chain", "log", "hist").ok().out().lines().count() - 1, "nothing removed without --yes");
        assertEquals("removed version 0 from hist; the chain is empty, its configuration kept\n",
                run("chain", "clear", "--yes", "hist").ok().out());
        assertTrue(run("chain", "metrics", "--json", "hist").ok().out().contains("\"length\": 0"));
        String added = run("chain", "add", "hist", "1.json", "2.json").ok().out();
        assertTrue(added.lines().toList().get(1).startsWith("version 1: dict, "), "the configuration is kept: " + added);
    }

    @Test
    void aPatchBeyondTheExpansionRatioIsRefusedWhenWrittenAndWhenAppliedAndMaxRatioRaisesIt() throws Exception {
        file("empty", new byte[0]);
        file("zeros", new byte[16 << 20]); // bzip2 makes a patch of about a hundred bytes: far above 32768 to 1
        run("diff", "--raw", "-s", "bsdiff", "empty", "zeros", "-o", "p").fails(1,
                "this patch would not apply under these limits");
        Result hint = run("diff", "--raw", "-s", "bsdiff", "empty", "zeros", "-o", "p").fails(1, "--max-ratio");
        assertFalse(hint.stderr().contains("--max-size"), hint.stderr());
        run("diff", "--max-ratio", "1000000", "--raw", "-s", "bsdiff", "empty", "zeros", "-o", "p").ok();
        run("apply", "--raw", "-s", "bsdiff", "empty", "p", "-o", "out").fails(1, "raise it with --max-ratio");
        run("apply", "--max-ratio=1000000", "--raw", "-s", "bsdiff", "empty", "p", "-o", "out").ok();
        assertEquals(16 << 20, Files.size(dir.resolve("out")));
    }

    @Test
    void standardInputIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        file("b.txt", "b\n");
        Result r = run(Map.of(), new byte[5000], "diff", "--max-size", "1K", "-", "b.txt").fails(1,
                "read until one byte past the limit");
        assertTrue(r.stderr().contains("1025 bytes, above the limit of 1024"), r.stderr());
        run(Map.of(), "a\n".getBytes(StandardCharsets.UTF_8), "diff", "--max-size", "1K", "-",
                "b.txt", "-o", "p").ok();
    }
}
