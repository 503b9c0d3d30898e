package io.deltachain.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every target as a Jazzer fuzz test. In a build these replay the regression inputs under
 * {@code src/test/resources/io/deltachain/fuzz/FuzzTargetsTestInputs/METHOD/} (each input once, with
 * {@link Hostile}'s contract); with {@code JAZZER_FUZZ=1} Jazzer fuzzes one method, guided by
 * coverage, until stopped or {@code -Djazzer.max_duration} passes (docs/ROBUSTNESS.md has the command).
 */
class FuzzTargetsTest {
    /**
     * @param targetName e.g. {@code payload-json-patch}
     * @return the fuzz test method's name, e.g. {@code payloadJsonPatch}
     */
    private static void fuzz(String target, byte[] input) {
        Hostile.check(Targets.named(target), input);
    }

    @Test
    void everyTargetHasAFuzzTest() {
        Set<String> methods = Arrays.stream(FuzzTargetsTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FuzzTest.class)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> targets = Targets.all().keySet().stream().map(Targets::methodName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(targets, methods, "a fuzz test method per target (a new strategy or codec needs one)");
    }

    @FuzzTest
    void recordWire(byte[] input) {
        fuzz("record-wire", input);
    }

    @FuzzTest
    void recordJson(byte[] input) {
        fuzz("record-json", input);
    }

    @FuzzTest
    void storeDirectory(byte[] input) {
        fuzz("store-directory", input);
    }

    @FuzzTest
    void codecGzip(byte[] input) {
        fuzz("codec-gzip", input);
    }

    @FuzzTest
    void codecIdentity(byte[] input) {
        fuzz("codec-identity", input);
    }

    @FuzzTest
    void codecZstd(byte[] input) {
        fuzz("codec-zstd", input);
    }

    @FuzzTest
    void payloadBsdiff(byte[] input) {
        fuzz("payload-bsdiff", input);
    }

    @FuzzTest
    void nativeBsdiff(byte[] input) {
        fuzz("native-bsdiff", input);
    }

    @FuzzTest
    void payloadText(byte[] input) {
        fuzz("payload-text", input);
    }

    @FuzzTest
    void nativeText(byte[] input) {
        fuzz("native-text", input);
    }

    @FuzzTest
    void payloadZstdPatch(byte[] input) {
        fuzz("payload-zstd-patch", input);
    }

    @FuzzTest
    void nativeZstdPatch(byte[] input) {
        fuzz("native-zstd-patch", input);
    }

    @FuzzTest
    void payloadDict(byte[] input) {
        fuzz("payload-dict", input);
    }

    @FuzzTest
    void payloadJsonPatch(byte[] input) {
        fuzz("payload-json-patch", input);
    }

    @FuzzTest
    void nativeJsonPatch(byte[] input) {
        fuzz("native-json-patch", input);
    }

    @FuzzTest
    void payloadMergePatch(byte[] input) {
        fuzz("payload-merge-patch", input);
    }

    @FuzzTest
    void nativeMergePatch(byte[] input) {
        fuzz("native-merge-patch", input);
    }
}
