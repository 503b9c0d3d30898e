package io.deltachain.tests.zstd;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import io.deltachain.core.DeltaCompressor;

/**
 * Run in a JVM whose zstd-jni cannot load its native library ({@code -DZstdNativePath=/nonexistent}):
 * prints what a user sees, one line per step, for {@link ZstdProvidersTest}.
 */
public final class ZstdWithoutNativeLibrary {
    private ZstdWithoutNativeLibrary() {
    }

    /** @param args none */
    public static void main(String[] args) {
        DeltaRegistry registry = DeltaRegistry.load();
        System.out.println("failures: " + registry.failures().size());
        System.out.println("codecs: " + registry.codecIds());
        step("codec", () -> registry.codec("zstd").encode(new byte[] {1, 2, 3}, 3));
        step("codec again", () -> registry.codec("zstd").decode(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd},
                io.deltachain.api.Limits.defaults()));
        step("strategy", () -> registry.strategy("zstd-patch", StateFormats.bytes()).diff(new byte[1], new byte[2]));
        DeltaCompressor<byte[]> auto = DeltaCompressor.builder(StateFormats.bytes()).registry(registry).build();
        System.out.println("auto still works: " + auto.diff(new byte[100], new byte[101]).strategyId());
    }

    private static void step(String name, Runnable call) {
        try {
            call.run();
            System.out.println(name + ": no error");
        } catch (DeltaException e) {
            System.out.println(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Throwable e) {
            System.out.println(name + ": CRASH " + e);
        }
    }
}
