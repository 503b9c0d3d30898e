package io.deltachain.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The real file system, counting the bytes read from each kind of file (by extension) and the largest read asked. */
final class CountingFiles implements StoreFiles {
    private final Map<String, AtomicLong> read = new ConcurrentHashMap<>();
    private final AtomicLong largestAsked = new AtomicLong();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    long bytesRead(String extension) {
        return read.getOrDefault(extension, new AtomicLong()).get();
    }

    /** @return how many reads asked for bytes of the files with this extension */
    long reads(String extension) {
        return calls.getOrDefault(extension, new AtomicLong()).get();
    }

    /** @return the largest length a read asked for, whatever it got */
    long largestAsked() {
        return largestAsked.get();
    }

    @Override public boolean exists(Path file) { return NIO.exists(file); }
    @Override public long size(Path file) throws IOException { return NIO.size(file); }
    @Override public byte[] read(Path file, long offset, int length) throws IOException {
        largestAsked.accumulateAndGet(length, Math::max);
        byte[] b = NIO.read(file, offset, length);
        String name = file.getFileName().toString();
        read.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), k -> new AtomicLong()).addAndGet(b.length);
        calls.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), k -> new AtomicLong()).incrementAndGet();
        return b;
    }
    @Override public void write(Path file, byte[] bytes) throws IOException { NIO.write(file, bytes); }
    @Override public void writeAt(Path file, long offset, byte[] bytes) throws IOException {
        NIO.writeAt(file, offset, bytes);
    }
    @Override public void truncate(Path file, long size) throws IOException { NIO.truncate(file, size); }
    @Override public void force(Path file) throws IOException { NIO.force(file); }
    @Override public void move(Path from, Path to) throws IOException { NIO.move(from, to); }
    @Override public void delete(Path file) throws IOException { NIO.delete(file); }
    @Override public List<String> list(Path dir) throws IOException { return NIO.list(dir); }
    @Override public void createDirectories(Path dir) throws IOException { NIO.createDirectories(dir); }
    @Override public void forceDirectory(Path dir) throws IOException { NIO.forceDirectory(dir); }
}
