package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated disk keeps what was forced, and only that is sure to survive. */
class PowerLossFilesTest {
    private final Path root = Path.of("/simulated").toAbsolutePath();
    private final Path dir = root.resolve("chain");
    private final Path a = dir.resolve("a");
    private final Path b = dir.resolve("b");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A directory whose name is forced, holding a file "a" whose name and contents {@code forced} are forced. */
    private PowerLossFiles withForcedFile(String forced) throws IOException {
        PowerLossFiles files = new PowerLossFiles(root);
        files.createDirectories(dir);
        files.forceDirectory(root);
        files.write(a, bytes(forced));
        files.force(a);
        files.forceDirectory(dir);
        return files;
    }

    private static String text(PowerLossFiles files, Path file) throws IOException {
        return new String(files.read(file, 0, (int) files.size(file)), StandardCharsets.UTF_8);
    }

    @Test
    void writesThatWereNotForcedAreLostAndForcedOnesKept() throws IOException {
        PowerLossFiles files = withForcedFile("forced");
        files.writeAt(a, 6, bytes(" and more"));
        assertEquals("forced and more", text(files, a), "the process sees its writes");
        assertEquals("forced", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), a));
        assertEquals("forced and more", text(files.afterCrash(PowerLossFiles.EVERYTHING), a));
        files.force(a);
        assertEquals("forced and more", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), a));
    }

    @Test
    void aTruncationThatWasNotForcedIsUndone() throws IOException {
        PowerLossFiles files = withForcedFile("0123456789");
        files.truncate(a, 4);
        assertEquals(4, files.size(a));
        assertEquals("0123456789", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), a));
        assertEquals("0123", text(files.afterCrash(PowerLossFiles.EVERYTHING), a));
    }

    @Test
    void aNewFileWhoseDirectoryWasNotForcedIsGoneEvenWhenItsContentsWere() throws IOException {
        PowerLossFiles files = withForcedFile("x");
        files.write(b, bytes("new"));
        files.force(b);
        assertFalse(files.afterCrash(PowerLossFiles.ONLY_FORCED).exists(b));
        files.forceDirectory(dir);
        assertEquals("new", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), b));
    }

    @Test
    void aForcedNameWithUnforcedContentsIsEmpty() throws IOException {
        PowerLossFiles files = withForcedFile("x");
        files.write(b, bytes("contents"));
        files.forceDirectory(dir);
        assertEquals(0, files.afterCrash(PowerLossFiles.ONLY_FORCED).size(b), "the zero-length file of a power loss");
    }

    @Test
    void aRenameThatWasNotForcedMayLeaveTheOldNames() throws IOException {
        PowerLossFiles files = withForcedFile("old");
        files.write(b, bytes("new"));
        files.force(b);
        files.forceDirectory(dir);
        files.move(b, a);
        assertFalse(files.exists(b));
        assertEquals("new", text(files, a));
        PowerLossFiles forced = files.afterCrash(PowerLossFiles.ONLY_FORCED);
        assertEquals("old", text(forced, a));
        assertEquals("new", text(forced, b));
        PowerLossFiles everything = files.afterCrash(PowerLossFiles.EVERYTHING);
        assertEquals("new", text(everything, a));
        assertFalse(everything.exists(b));
        files.forceDirectory(dir);
        assertEquals(List.of("a"), files.afterCrash(PowerLossFiles.ONLY_FORCED).list(dir));
    }

    @Test
    void aRenamedFileKeepsOnlyTheContentsThatWereForced() throws IOException {
        PowerLossFiles files = withForcedFile("old");
        files.write(b, bytes("never forced"));
        files.move(b, a);
        files.forceDirectory(dir);
        assertEquals(0, files.afterCrash(PowerLossFiles.ONLY_FORCED).size(a),
                "an unforced rename over a file: the name moved, the data did not");
    }

    @Test
    void aDeleteThatWasNotForcedIsUndone() throws IOException {
        PowerLossFiles files = withForcedFile("kept");
        files.delete(a);
        assertFalse(files.exists(a));
        assertEquals("kept", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), a));
        assertFalse(files.afterCrash(PowerLossFiles.EVERYTHING).exists(a));
    }

    @Test
    void aDirectoryWhoseOwnNameWasNotForcedIsGoneWithWhatItHolds() throws IOException {
        PowerLossFiles files = new PowerLossFiles(root);
        files.createDirectories(dir);
        files.write(a, bytes("x"));
        files.force(a);
        files.forceDirectory(dir);
        assertFalse(files.afterCrash(PowerLossFiles.ONLY_FORCED).exists(dir));
        files.forceDirectory(root);
        assertTrue(files.afterCrash(PowerLossFiles.ONLY_FORCED).exists(a));
    }

    @Test
    void aMixKeepsForEachFileAPrefixOfItsWritesTheLastOnePossiblyTornOrZero() throws IOException {
        PowerLossFiles files = withForcedFile("F");
        List<String> appends = List.of("one", "two", "three", "four");
        long at = 1;
        for (String s : appends) {
            files.writeAt(a, at, bytes(s));
            at += s.length();
        }
        String all = "F" + String.join("", appends);
        Set<String> seen = new HashSet<>();
        boolean zeros = false;
        for (long seed = 0; seed < 300; seed++) {
            byte[] got = files.afterCrash(PowerLossFiles.mix(seed)).read(a, 0, 100);
            String prefix = new String(got, StandardCharsets.UTF_8);
            int data = prefix.indexOf('\0');
            if (data >= 0) {
                zeros = true;
                byte[] tail = Arrays.copyOfRange(got, data, got.length);
                assertArrayEquals(new byte[tail.length], tail, "zeros only at the end: " + prefix);
                prefix = prefix.substring(0, data);
            }
            assertTrue(all.startsWith(prefix) && prefix.startsWith("F"), "seed " + seed + ": " + prefix);
            seen.add(prefix);
        }
        assertTrue(zeros, "a torn write whose data was lost");
        assertTrue(seen.contains("F") && seen.contains(all) && seen.size() > appends.size() + 2, seen.toString());
    }

    @Test
    void aCrashStopsTheOperationItHitsAndEveryCallAfterIt() throws IOException {
        PowerLossFiles files = withForcedFile("forced");
        int before = files.operations();
        files.crashAfter(before + 1);
        files.writeAt(a, 6, bytes("!"));
        PowerLossFiles.SimulatedCrash crash = assertThrows(PowerLossFiles.SimulatedCrash.class, () -> files.force(a));
        assertTrue(crash.getMessage().contains("operation " + (before + 1) + " (force chain/a)"), crash.getMessage());
        assertThrows(PowerLossFiles.SimulatedCrash.class, () -> files.read(a, 0, 1));
        assertThrows(PowerLossFiles.SimulatedCrash.class, () -> files.exists(a));
        assertEquals("forced", text(files.afterCrash(PowerLossFiles.ONLY_FORCED), a), "the force never ran");
        assertEquals("forced!", text(files.afterCrash(PowerLossFiles.EVERYTHING), a));
        assertEquals(List.of("createDirectories chain", "forceDirectory ", "write chain/a", "force chain/a",
                "forceDirectory chain", "writeAt chain/a"), files.log());
    }

    @Test
    void whatSurvivedIsForcedAndCanCrashAgain() throws IOException {
        PowerLossFiles files = withForcedFile("forced");
        files.writeAt(a, 6, bytes(" tail"));
        PowerLossFiles after = files.afterCrash(PowerLossFiles.EVERYTHING);
        after.writeAt(a, 0, bytes("F"));
        assertEquals("forced tail", text(after.afterCrash(PowerLossFiles.ONLY_FORCED), a));
    }
}
