package io.deltachain.cli.internal;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reading inputs within limits and writing outputs atomically; {@code -} means stdin or stdout. */
public final class CliIo {
    /** The largest piece standard input is read in. */
    private static final int CHUNK = 16 << 20;
    /** Standard input longer than this goes on into a temporary file rather than memory. */
    private static final long SPILL_AFTER = 32L << 20;
    /** The piece a spilled standard input is read in. */
    private static final int SPILL_BUFFER = 1 << 20;

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

    /**
     * @param name a path or {@code -}
     * @return the size of a regular file, or -1 for standard input, anything else or a file that cannot be read
     */
    public static long regularFileSize(String name) {
        if (name.equals("-")) {
            return -1;
        }
        try {
            Path path = Path.of(name);
            return Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // reading it reports the problem
        }
    }

    /**
     * Reads a stream of unknown length with the limit applied as it streams. The first
     * {@link #SPILL_AFTER} bytes are kept in memory, in chunks; a longer stream goes on into a
     * temporary file (in {@code java.io.tmpdir}, deleted before returning), so that memory stays at
     * that plus one buffer however long the stream is: one byte past the limit is refused without ever
     * holding the limit in memory. A stream that ends within the limit is then read into one array of
     * its exact size, allocated after the free heap is checked. Where no temporary file can be made,
     * the chunks go on in memory (then a stream past the limit costs the limit).
     */
    private static byte[] readBounded(InputStream in, Limits limits, String what) throws IOException {
        long limit = Math.min(Integer.MAX_VALUE - 8, limits.maxStateBytes());
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        int chunkSize = 64 << 10; // small inputs stay small; chunks grow to CHUNK for large ones
        Path spill = null;
        OutputStream spilled = null;
        byte[] buffer = null;
        try {
            while (true) {
                // One byte past the limit tells "exactly at the limit" from "over it".
                // A little under a power of two: with its header, a large array then fills whole heap regions.
                int want = (int) Math.min(chunkSize - 64, limit + 1 - total);
                byte[] chunk = spilled != null && buffer.length >= want ? buffer : new byte[want];
                int filled = in.readNBytes(chunk, 0, want);
                total += filled;
                if (total > limit) {
                    String read = what + ", read until one byte past the limit,";
                    limits.checkStateSize(total, read);
                    throw new LimitExceededException(Limit.ARRAY_SIZE, total, limit, read + " holds more than "
                            + limit + " bytes, more than a Java array can hold");
                }
                if (filled == 0) {
                    break;
                }
                if (spilled != null) {
                    spilled.write(chunk, 0, filled);
                    continue;
                }
                chunks.add(filled == want ? chunk : Arrays.copyOf(chunk, filled));
                chunkSize = (int) Math.min(CHUNK, 2L * chunkSize);
                if (total >= SPILL_AFTER && (spill = spillFile()) != null) {
                    spilled = new BufferedOutputStream(Files.newOutputStream(spill), SPILL_BUFFER);
                    for (byte[] kept : chunks) {
                        spilled.write(kept);
                    }
                    chunks.clear();
                    chunkSize = SPILL_BUFFER + 64;
                    buffer = new byte[SPILL_BUFFER];
                }
            }
            Limits.requireHeap(total, what + " of " + total + " bytes");
            if (spilled != null) {
                spilled.close();
                spilled = null;
                byte[] data = Files.readAllBytes(spill);
                if (data.length != total) {
                    throw new DeltaException(what + " could not be read back from " + spill + ": " + data.length
                            + " of the " + total + " bytes written there");
                }
                return data;
            }
            byte[] data = new byte[(int) total];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, data, at, chunk.length);
                at += chunk.length;
            }
            return data;
        } finally {
            if (spilled != null) {
                spilled.close();
            }
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        }
    }

    /** @return a new temporary file for a long standard input, or null where none can be made */
    private static Path spillFile() {
        try {
            Path file = Files.createTempFile("delta-stdin-", ".tmp");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Writes an output. {@code null} or {@code -} is standard output. A regular file (or a new one)
     * is written through a temporary file in the same directory and a rename, so that a failed
     * command never leaves a half-written file; a symbolic link is followed and its target written
     * that way, so the link stays a link. A device or FIFO ({@code /dev/null}, a named pipe) is opened
     * and written directly: renaming over it would replace the device with a regular file.
     *
     * @param name a path, {@code -} or null
     * @param data the bytes
     * @throws DeltaException when it cannot be written (a directory, a missing directory, no permission)
     */
    public static void write(String name, byte[] data) {
        if (name == null || name.equals("-")) {
            toStream(FileDescriptor.out, "standard output", data);
            return;
        }
        Path target = Path.of(name);
        // /dev/stdout, /dev/fd/N, /proc/self/fd/N name an open stream, whose link points at whatever
        // the shell opened: write into that stream, never rename a file over its target.
        String alias = target.toAbsolutePath().toString();
        if (alias.equals("/dev/stdout") || alias.equals("/dev/fd/1") || alias.equals("/proc/self/fd/1")) {
            toStream(FileDescriptor.out, "standard output", data);
            return;
        }
        if (alias.equals("/dev/stderr") || alias.equals("/dev/fd/2") || alias.equals("/proc/self/fd/2")) {
            toStream(FileDescriptor.err, "standard error", data);
            return;
        }
        if (alias.startsWith("/dev/fd/") || alias.startsWith("/proc/self/fd/")) {
            writeInPlace(name, target, data, StandardOpenOption.APPEND);
            return;
        }
        if (Files.isDirectory(target)) {
            throw new DeltaException("OUT " + name + " is a directory; name a file");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            writeInPlace(name, target, data);
            return;
        }
        writeAtomically(name, linkTarget(name, target).toAbsolutePath(), data);
    }

    /** Where a (possibly dangling, possibly chained) symbolic link points; the path itself otherwise. */
    private static Path linkTarget(String name, Path path) {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new DeltaException("cannot write " + name + ": too many levels of symbolic links");
            }
            try {
                p = p.toAbsolutePath().resolveSibling(Files.readSymbolicLink(p));
            } catch (IOException e) {
                throw new DeltaException("cannot write " + name + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    /** Writes to an inherited stream, so that a full disk or a closed stream is an error, not exit 0. */
    private static void toStream(FileDescriptor fd, String what, byte[] data) {
        System.out.flush();
        try {
            @SuppressWarnings("resource") // the descriptor belongs to the process: never closed here
            FileOutputStream out = new FileOutputStream(fd);
            out.write(data);
            out.flush();
        } catch (IOException e) {
            if ("Broken pipe".equals(e.getMessage())) {
                throw new ReaderGoneException(what, e);
            }
            throw new DeltaException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The process reading our output closed it ({@code delta diff ... | head}): not an error worth a
     * message, as a tool killed by {@code SIGPIPE} prints none; the command exits with 141.
     */
    public static final class ReaderGoneException extends DeltaException {
        private static final long serialVersionUID = 1L;

        ReaderGoneException(String what, IOException cause) {
            super("cannot write " + what + ": the reading process closed it", cause);
        }
    }

    private static void writeInPlace(String name, Path target, byte[] data, StandardOpenOption... extra) {
        OpenOption[] options = new OpenOption[extra.length + 1];
        options[0] = StandardOpenOption.WRITE;
        System.arraycopy(extra, 0, options, 1, extra.length);
        try (OutputStream out = Files.newOutputStream(target, options)) {
            out.write(data);
        } catch (AccessDeniedException e) {
            throw new DeltaException("cannot write " + name + ": permission denied");
        } catch (IOException e) {
            throw new DeltaException("cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(String name, Path target, byte[] data) {
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
        } catch (AccessDeniedException e) {
            throw new DeltaException("cannot write " + name + ": permission denied in its directory");
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

    /**
     * Whether standard output is a terminal. The launcher knows ({@code [ -t 1 ]}, passed as
     * {@code -Ddelta.stdout.tty=true|false}; tests set it through {@code DELTA_JAVA_OPTS}); without
     * the property, Java 17's {@code System.console()} (non-null when stdin and stdout are both
     * terminals) decides.
     *
     * @return true when what goes to standard output lands on a terminal
     */
    public static boolean stdoutIsTerminal() {
        String hint = System.getProperty("delta.stdout.tty");
        if (hint != null) {
            return Boolean.parseBoolean(hint);
        }
        return System.console() != null;
    }

    /**
     * @param name an output path, {@code -} or null
     * @param input an input path, {@code -} or null
     * @return whether writing {@code name} would replace {@code input}'s file (the same file through
     *     any symbolic or hard link); false for standard streams, devices and files that do not exist
     */
    public static boolean sameFile(String name, String input) {
        if (name == null || name.equals("-") || input == null || input.equals("-")) {
            return false;
        }
        Path out = Path.of(name);
        Path in = Path.of(input);
        try {
            return Files.isRegularFile(out) && Files.exists(in) && Files.isSameFile(out, in);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param name an output path, {@code -} or null
     * @param dir a directory
     * @return whether the output would land inside {@code dir} (through links too)
     */
    public static boolean inside(String name, Path dir) {
        if (name == null || name.equals("-") || !Files.isDirectory(dir)) {
            return false;
        }
        try {
            // no normalize(): "link/../x" is resolved by the system after following the link
            Path out = linkTarget(name, Path.of(name)).toAbsolutePath();
            Path parent = out.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                return false;
            }
            return parent.toRealPath().resolve(out.getFileName()).startsWith(dir.toRealPath());
        } catch (IOException | DeltaException e) {
            return false;
        }
    }

    /**
     * @param data bytes about to be written
     * @return whether they would garble a terminal: a NUL byte or invalid UTF-8
     */
    public static boolean isBinary(byte[] data) {
        for (byte b : data) {
            if (b == 0) {
                return true;
            }
        }
        return !isUtf8(data);
    }

    /**
     * @param data bytes
     * @return whether they are valid UTF-8
     */
    public static boolean isUtf8(byte[] data) {
        // through a small buffer, reused: a file's worth of characters is never allocated to check it
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            out.clear();
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                out.clear();
                return !decoder.flush(out).isError();
            }
        }
    }
}
