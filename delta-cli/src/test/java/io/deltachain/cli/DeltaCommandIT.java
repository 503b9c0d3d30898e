package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.json.CanonicalJson;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
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
    void versionAndHelp() throws Exception {
        assertTrue(run("--version").ok().out().startsWith("delta "));
        for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"strategies", "--help"},
                new String[] {"diff", "--help"}, new String[] {"apply", "--help"}, new String[] {"inspect", "--help"},
                new String[] {"chain", "--help"}, new String[] {"chain", "init", "--help"},
                new String[] {"chain", "add", "--help"}, new String[] {"chain", "get", "--help"},
                new String[] {"chain", "log", "--help"}, new String[] {"chain", "verify", "--help"},
                new String[] {"chain", "metrics", "--help"}, new String[] {"demo", "--help"})) {
            Result r = run(cmd).ok();
            assertTrue(r.out().contains("Usage:"), String.join(" ", cmd) + ": " + r.out());
            assertFalse(r.out().contains("\u001b["), "no colour when stdout is not a terminal");
        }
    }

    @Test
    void strategiesListsEveryProviderWithItsJar() throws Exception {
        String out = run("strategies").ok().out();
        for (String id : List.of("auto", "none", "dict", "gzip", "identity")) {
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
                for (String codec : List.of("gzip", "identity")) {
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
    void usageErrorsExitTwo() throws Exception {
        file("a.txt", "a");
        file("b.txt", "b");
        run("bogus").fails(2, "bogus");
        run().fails(2, "no command");
        run("diff", "a.txt").fails(2, "NEW");
        run("diff", "-s", "text", "a.txt", "b.txt").fails(2, "no strategy 'text'");
        run("diff", "-c", "zstd", "a.txt", "b.txt").fails(2, "no codec 'zstd'");
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
        Path record = dir.resolve("hist/records/000000003.dltr");
        byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length - 10] ^= 1;
        Files.write(record, bytes);
        Result verify = run("chain", "verify", "hist");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("FAULT record of version 3"), verify.out());
        run("chain", "init", "hist").fails(1, "already holds a chain");
        run("chain", "add", "nowhere", "v0.txt").fails(1, "holds no chain");
        run("chain", "init", "json", "-s", "dict").ok();
        file("j0.json", "{\"a\": 1}");
        file("j1.json", "{\"a\": 2, \"b\": [true]}");
        run("chain", "add", "json", "j0.json", "j1.json").ok();
        assertEquals("{\"a\":2,\"b\":[true]}\n", run("chain", "get", "json", "1").ok().out());
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
        Random random = new Random(7);
        byte[] old = new byte[300_000];
        random.nextBytes(old);
        byte[] nw = old.clone();
        for (int i = 0; i < 100; i++) {
            nw[random.nextInt(nw.length)] = (byte) random.nextInt();
        }
        file("old.bin", old);
        file("new.bin", nw);
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
    void aTwoGibibyteFileIsRefusedNamingTheLimit() throws Exception {
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(dir.resolve("huge.bin").toFile(), "rw")) {
            sparse.setLength(2L << 30);
        }
        file("small.bin", new byte[10]);
        run("diff", "-s", "bsdiff", "small.bin", "huge.bin").fails(1, "maxStateBytes");
        run("diff", "-s", "bsdiff", "huge.bin", "small.bin").fails(1, "2147483648");
    }
}
