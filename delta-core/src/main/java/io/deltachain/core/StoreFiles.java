package io.deltachain.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file operations the directory store needs, and nothing more, so that a test can put a layer
 * under it that keeps only what was forced when it simulates a power loss. What survives a power loss
 * is what {@link #force} forced (a file's contents and size) and what {@link #forceDirectory} forced
 * (the names in a directory after a create, rename or delete).
 */
interface StoreFiles {
    /** The real file system. */
    StoreFiles NIO = new Nio();

    boolean exists(Path file);

    /** @throws NoSuchFileException when there is no such file */
    long size(Path file) throws IOException;

    /** @return up to {@code length} bytes from {@code offset} (fewer at the end of the file) */
    byte[] read(Path file, long offset, int length) throws IOException;

    /** Creates or empties {@code file}, then writes {@code bytes}. */
    void write(Path file, byte[] bytes) throws IOException;

    /** Writes {@code bytes} at {@code offset} (the end of the file when appending). */
    void writeAt(Path file, long offset, byte[] bytes) throws IOException;

    void truncate(Path file, long size) throws IOException;

    /** Forces the contents and size of {@code file} to disk. */
    void force(Path file) throws IOException;

    /** Renames {@code from} over {@code to} in one step. */
    void move(Path from, Path to) throws IOException;

    void delete(Path file) throws IOException;

    /** @return the names in {@code dir}, empty when it does not exist */
    List<String> list(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** Forces the names in {@code dir} to disk. */
    void forceDirectory(Path dir) throws IOException;

    /** {@code java.nio.file}, a channel per call. */
    final class Nio implements StoreFiles {
        private Nio() {
        }

        @Override
        public boolean exists(Path file) {
            return Files.exists(file);
        }

        @Override
        public long size(Path file) throws IOException {
            return Files.size(file);
        }

        @Override
        public byte[] read(Path file, long offset, int length) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(length, ch.size() - offset)));
                long at = offset;
                while (buf.position() < buf.capacity()) {
                    // at most 1 MiB a read: the channel copies through a direct buffer of what is asked
                    buf.limit(buf.position() + Math.min(1 << 20, buf.capacity() - buf.position()));
                    int n = ch.read(buf, at);
                    if (n < 0) {
                        break;
                    }
                    at += n;
                }
                return buf.position() == buf.capacity() ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
            }
        }

        @Override
        public void write(Path file, byte[] bytes) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, bytes, 0);
            }
        }

        @Override
        public void writeAt(Path file, long offset, byte[] bytes) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writeFully(ch, bytes, offset);
            }
        }

        private static void writeFully(FileChannel ch, byte[] bytes, long offset) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long at = offset;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
        }

        @Override
        public void truncate(Path file, long size) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(size);
            }
        }

        @Override
        public void force(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public List<String> list(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            if (!Files.isDirectory(dir)) {
                return names;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    names.add(f.getFileName().toString());
                }
            }
            return names;
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
            Files.createDirectories(dir);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                if (!System.getProperty("os.name", "").startsWith("Windows")) {
                    throw e;
                }
                // Windows cannot open a directory as a file; its renames are durable once they return.
            }
        }
    }
}
