package io.deltachain.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The writer lock of a directory store: a permit shared by every store instance on the directory in
 * this process (the JVM refuses a second {@link FileChannel#lock} on one file from one process), then
 * an exclusive {@link FileLock} on {@code DIR/lock}, which holds the holder's pid as ASCII digits for
 * messages. The operating system drops a file lock when its process dies, so a killed writer never
 * leaves the chain locked.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE = "lock";
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long POLL_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Semaphore permit, FileChannel channel, FileLock lock) {
        this.permit = permit;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} (created if missing), waiting at most {@code timeout}. */
    static DirectoryLock acquire(Path dir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permit = IN_PROCESS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Semaphore(1));
        try {
            if (!permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw locked(dir, timeout, ProcessHandle.current().pid(), "another writer in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainStoreException("interrupted while waiting for the writer lock of " + dir, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long pause = POLL_MIN_NANOS;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(pid), 0);
                    return new DirectoryLock(permit, channel, lock);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    long holder = holder(channel);
                    throw locked(dir, timeout, holder, holder < 0 ? "another process" : "process " + holder);
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
                pause = Math.min(pause * 2, POLL_MAX_NANOS);
            }
        } catch (IOException e) {
            release(permit, channel);
            throw new ChainStoreException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            release(permit, channel);
            Thread.currentThread().interrupt();
            throw new ChainStoreException("interrupted while waiting for the writer lock of " + dir, e);
        } catch (RuntimeException e) {
            release(permit, channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held through another channel of this JVM, outside the permit: wait like for a process
        }
    }

    private static long holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(20);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static ChainLockedException locked(Path dir, Duration timeout, long pid, String who) {
        return new ChainLockedException("chain " + dir + " is locked by " + who + " (waited " + timeout.toMillis()
                + " ms for " + dir.resolve(FILE) + "); retry when that writer has finished", dir.toString(), pid);
    }

    private static void release(Semaphore permit, FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing drops the lock; nothing else to undo
            }
        }
        permit.release();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        release(permit, channel);
    }
}
