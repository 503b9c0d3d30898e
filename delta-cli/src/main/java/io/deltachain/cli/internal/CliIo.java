package io.deltachain.cli.internal;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading inputs within limits and writing outputs atomically; {@code -} means stdin or stdout. */
public final class CliIo {
    private CliIo() {
    }

    /**
     * @param name a path or {@code -}
     * @param limits the state size bound
     * @param role what the file is, for messages ("OLD", "PATCH")
     * @return the file's bytes
     * @throws DeltaException when it cannot be read or is too large
     */
    public static byte[] read(String name, Limits limits, String role) {
        try {
            if (name.equals("-")) {
                return readBounded(System.in, limits, role + " (standard input)");
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                throw new DeltaException(role + " " + name + " is a directory, not a file");
            }
            long size = Files.size(path);
            limits.checkStateSize(size, role + " " + name);
            if (Files.isRegularFile(path)) {
                byte[] data = Files.readAllBytes(path); // one exact allocation, no copies
                limits.checkStateSize(data.length, role + " " + name);
                return data;
            }
            try (InputStream in = Files.newInputStream(path)) {
                return readBounded(in, limits, role + " " + name);
            }
        } catch (NoSuchFileException e) {
            throw new DeltaException(role + " " + name + " does not exist");
        } catch (AccessDeniedException e) {
            throw new DeltaException(role + " " + name + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new DeltaException(role + " " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, Limits limits, String what) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxStateBytes()));
        if (in.read() != -1) {
            limits.checkStateSize(limits.maxStateBytes() + 1, what);
        }
        return data;
    }

    /**
     * Writes to a file through a temporary file in the same directory and a rename, so that a
     * failed command never leaves a half-written file; {@code null} or {@code -} is standard output.
     *
     * @param name a path, {@code -} or null
     * @param data the bytes
     */
    public static void write(String name, byte[] data) {
        if (name == null || name.equals("-")) {
            try {
                OutputStream out = System.out;
                out.write(data);
                out.flush();
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path target = Path.of(name).toAbsolutePath();
        Path tmp = null;
        try {
            // Files.createFile honours the umask (createTempFile would make it 0600); an existing
            // target keeps its permissions.
            tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            Files.createFile(tmp);
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException notPosix) {
                    // nothing to keep
                }
            }
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (NoSuchFileException e) {
            throw new DeltaException("cannot write " + name + ": its directory does not exist");
        } catch (IOException e) {
            throw new DeltaException("cannot write " + name + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
        }
    }
}
