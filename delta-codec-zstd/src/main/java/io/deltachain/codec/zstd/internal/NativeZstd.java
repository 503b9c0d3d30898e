package io.deltachain.codec.zstd.internal;

import com.github.luben.zstd.util.Native;
import io.deltachain.api.DeltaConfigurationException;
import java.util.Locale;
import java.util.Objects;

/**
 * zstd-jni's native library, loaded on first use and never again: a platform without a bundled
 * library (or a {@code /tmp} that forbids executing it) gives one {@link DeltaConfigurationException}
 * naming the codec and the platform, repeated on every later call, instead of an
 * {@link UnsatisfiedLinkError} the first time and a {@link NoClassDefFoundError} after that.
 *
 * <p>Loading is not done when the codec is constructed: the registry constructs every provider, and
 * extracting and loading the library costs 0.1 to 0.2 s of a JVM's start (measured on the project's
 * machine), which a {@code delta} command that never uses zstd should not pay. Thread-safe.
 */
public final class NativeZstd {
    /** The platforms zstd-jni 1.5.7-28 bundles a library for, as {@code os/arch} directories of its jar. */
    public static final String BUNDLED = "linux (amd64, aarch64, arm, i386, ppc64, ppc64le, s390x, riscv64,"
            + " loongarch64, mips64), darwin (x86_64, aarch64), win (amd64, x86, aarch64), freebsd (amd64, i386),"
            + " aix (ppc64)";

    private static final NativeZstd STANDARD = new NativeZstd(Native::load);

    private final Runnable loader;
    private boolean loaded;
    private Throwable failure;

    /**
     * @param loader what loads the library; tests pass one that fails as a platform without a library would
     */
    public NativeZstd(Runnable loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** @return the library as zstd-jni loads it */
    public static NativeZstd standard() {
        return STANDARD;
    }

    /**
     * Loads the library unless that was done (or failed) before.
     *
     * @param user who needs it, for the message, e.g. {@code "codec 'zstd'"}
     * @throws DeltaConfigurationException when the library cannot be loaded on this platform
     */
    public synchronized void require(String user) {
        if (loaded) {
            return;
        }
        if (failure == null) {
            try {
                loader.run();
                loaded = true;
                return;
            } catch (LinkageError | RuntimeException e) {
                failure = e;
            }
        }
        throw new DeltaConfigurationException(user + " is unavailable on " + platform() + ": zstd-jni could not load"
                + " its native library (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + "). Its"
                + " jar bundles libraries for " + BUNDLED + "; elsewhere use another codec (gzip), or point the"
                + " system property ZstdNativePath at a zstd-jni library built for this platform", failure);
    }

    private static String platform() {
        return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch", "?");
    }
}
