package io.deltachain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data-sharing archive: the {@code ./delta} launcher runs
 * this once after each build with {@code -XX:ArchiveClassesAtExit}, so that later runs map the
 * classes a typical command loads from the archive instead of loading them from the jars (picocli's
 * classes, compiled for Java 5, cannot be archived). Runs the common commands in process on small
 * files in a temporary directory, and removes it. Not part of the command's interface.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * @param args none
     * @throws IOException when the temporary files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("delta-cds");
        try {
            String a = write(dir, "a.txt", "one\ntwo\nthree\nfour\n");
            String b = write(dir, "b.txt", "one\n2\nthree\nfour\nfive\n");
            String x = write(dir, "a.json", "{\"a\": 1, \"b\": [1, 2]}");
            String y = write(dir, "b.json", "{\"a\": 2, \"b\": [1, 2, 3]}");
            String out = dir.resolve("out").toString();
            String record = dir.resolve("r.dltr").toString();
            String chain = dir.resolve("chain").toString();
            DeltaCommand.execute("diff", "-s", "text", "--raw", a, b, "-o", out);
            DeltaCommand.execute("diff", a, b, "-o", record);
            DeltaCommand.execute("apply", a, record, "-o", out);
            DeltaCommand.execute("show", record);
            DeltaCommand.execute("diff", "-s", "dict", x, y, "-o", out);
            DeltaCommand.execute("chain", "init", chain);
            DeltaCommand.execute("chain", "add", chain, a, b);
            DeltaCommand.execute("chain", "diff", chain, "0", "1");
            DeltaCommand.execute("chain", "log", chain);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8).toString();
    }
}
