package io.deltachain.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Names of benchmark inputs:
 * <ul>
 *   <li>{@code structured-2m}, {@code structured-16m}: a structured file of 2 / 16 MiB and a copy with
 *       25 scattered overwrites, inserts and deletes per MiB (400 for 16 MiB);</li>
 *   <li>{@code random-2m}: two unrelated random files; {@code zeros-16m}: two zero-filled files;
 *       {@code periodic-16m}: a 1,000-byte block repeated, and a copy with 400 edits;</li>
 *   <li>{@code release-jar}: commons-io 2.16.1 and 2.17.0 as published (fetched by
 *       {@code mvn dependency:copy} into {@code delta-bench/target/release-pair});</li>
 *   <li>{@code release-tar}: the same two releases' classes as uncompressed tars (entries sorted by
 *       name, fixed times), as a release of an application would ship them.</li>
 * </ul>
 */
public final class Pairs {
    private static final String RELEASES = System.getProperty("deltachain.bench.releases", "delta-bench/target/release-pair");

    private Pairs() {
    }

    /**
     * @param name an input name
     * @return old and new file
     */
    public static byte[][] named(String name) {
        switch (name) {
            case "release-jar":
                return new byte[][] {read("commons-io-2.16.1.jar"), read("commons-io-2.17.0.jar")};
            case "release-tar":
                return new byte[][] {tarOfClasses(read("commons-io-2.16.1.jar")), tarOfClasses(read("commons-io-2.17.0.jar"))};
            default:
                String[] parts = name.split("-");
                if (parts.length != 2 || !parts[1].matches("\\d+m")) {
                    throw new IllegalArgumentException("unknown pair '" + name + "': use KIND-SIZEm (structured-16m,"
                            + " random-2m, zeros-16m, periodic-16m), release-jar or release-tar");
                }
                int mib = Integer.parseInt(parts[1].replace("m", ""));
                return BinaryPairs.make(parts[0], mib << 20, 25 * mib);
        }
    }

    /** A file of the release pairs' directory. */
    static byte[] read(String file) {
        Path path = Path.of(RELEASES, file);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("release pair missing (" + path + "): build with "
                    + "'mvn -B -q package -DskipTests -pl delta-bench -am' from the repository root, or set "
                    + "-Ddeltachain.bench.releases=DIR", e);
        }
    }

    private static byte[] tarOfClasses(byte[] jar) {
        try {
            Path tmp = Files.createTempFile("release", ".jar");
            try {
                Files.write(tmp, jar);
                ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length * 3);
                try (ZipFile zip = new ZipFile(tmp.toFile());
                     TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    List<ZipEntry> entries = new ArrayList<>();
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        if (entry.getName().endsWith(".class")) {
                            entries.add(entry);
                        }
                    }
                    entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                    for (ZipEntry entry : entries) {
                        byte[] data = zip.getInputStream(entry).readAllBytes();
                        TarArchiveEntry t = new TarArchiveEntry(entry.getName());
                        t.setSize(data.length);
                        t.setModTime(0);
                        tar.putArchiveEntry(t);
                        tar.write(data);
                        tar.closeArchiveEntry();
                    }
                }
                return out.toByteArray();
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
