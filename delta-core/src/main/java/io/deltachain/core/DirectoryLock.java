package io.deltachain.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer lock of a directory store: a permit shared by every store instance on the directory in
 * this process (the JVM refuses a second {@link FileChannel#lock} on one file from one process), then
 * an exclusive {@link FileLock} on {@code DIR/lock}, which holds the holder's pid as ASCII digits for
 * messages. Waiting is fair: the permit is a fair {@link Semaphore}, so writers of this process are
 * served in the order they asked (one that takes the lock in a loop queues behind those already
 * waiting), and the file lock is taken with a blocking {@link FileChannel#lock()}, which the operating
 * system grants as soon as the holder lets go, instead of polling it; at the deadline a timer closes
 * the channel, which ends the wait. The operating system drops a file lock when its process dies, so a
 * killed writer never leaves the chain locked.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE = "lock";
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long POLL_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int WAITING = 0;
    private static final int LOCKED = 1;
    private static final int TIMED_OUT = 2;
    /** Ends waits for the file lock at their deadline (one daemon thread for the process, idle otherwise). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deltachain-lock-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Semaphore permit, FileChannel channel, FileLock lock) {
        this.permit = permit;
        this.channel = channel;
        this.lock = lock;
    }

    private static Semaphore permit(Path dir) {
        return IN_PROCESS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Semaphore(1, true));
    }

    /** @return how many writers of this process wait for the lock of {@code dir} (for tests) */
    static int waiting(Path dir) {
        return permit(dir).getQueueLength();
    }

    /** Takes the lock of {@code dir} (created if missing), waiting at most {@code timeout}. */
    static DirectoryLock acquire(Path dir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permit = permit(dir);
        try {
            if (!permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) { // timed: honours fairness
                throw locked(dir, timeout, ProcessHandle.current().pid(), "another writer in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(dir, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = fileLock(channel, dir, deadline, timeout);
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new DirectoryLock(permit, channel, lock);
        } catch (ClosedByInterruptException e) {
            release(permit, channel);
            throw interrupted(dir, e);
        } catch (IOException e) {
            release(permit, channel);
            throw cannotLock(dir, e);
        } catch (InterruptedException e) {
            release(permit, channel);
            Thread.currentThread().interrupt();
            throw interrupted(dir, e);
        } catch (RuntimeException e) {
            release(permit, channel);
            throw e;
        }
    }

    /**
     * @return the file lock, taken with a blocking {@link FileChannel#lock()} that a timer ends at the deadline
     *     by closing the channel
     * @throws ChainLockedException at the deadline
     */
    private static FileLock fileLock(FileChannel channel, Path dir, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        FileLock quick = tryLock(channel);
        if (quick != null) {
            return quick;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw lockedByProcess(dir, timeout);
        }
        AtomicInteger state = new AtomicInteger(WAITING);
        ScheduledFuture<?> alarm = DEADLINES.schedule(() -> {
            if (state.compareAndSet(WAITING, TIMED_OUT)) {
                closeQuietly(channel);
            }
        }, left, TimeUnit.NANOSECONDS);
        try {
            FileLock lock = channel.lock();
            if (state.compareAndSet(WAITING, LOCKED)) {
                return lock;
            }
            throw lockedByProcess(dir, timeout); // the deadline came with the lock: closing the channel drops it
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (AsynchronousCloseException e) {
            if (state.get() == TIMED_OUT) {
                throw lockedByProcess(dir, timeout);
            }
            throw e;
        } catch (OverlappingFileLockException e) {
            if (!state.compareAndSet(WAITING, LOCKED)) {
                throw lockedByProcess(dir, timeout);
            }
            return poll(channel, dir, deadline, timeout);
        } finally {
            alarm.cancel(false);
        }
    }

    /**
     * Polls for a lock held through another channel of this JVM, outside the permit (the same directory by
     * another path): the JVM refuses to block on it.
     */
    private static FileLock poll(FileChannel channel, Path dir, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        long pause = POLL_MIN_NANOS;
        while (true) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return lock;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw lockedByProcess(dir, timeout);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, POLL_MAX_NANOS);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held through another channel of this JVM, outside the permit: wait like for a process
        }
    }

    private static ChainLockedException lockedByProcess(Path dir, Duration timeout) {
        long holder = holder(dir.resolve(FILE));
        return locked(dir, timeout, holder, holder < 0 ? "another process" : "process " + holder);
    }

    /** @return the error for an I/O failure on the lock file; a permission problem says so, with the path */
    static ChainStoreException cannotLock(Path dir, IOException e) {
        if (e instanceof AccessDeniedException denied) {
            String file = denied.getFile() != null ? denied.getFile() : dir.resolve(FILE).toString();
            return new ChainStoreException("cannot take the writer lock of chain " + dir + ": permission denied on "
                    + file + " (a writer needs to create and write " + dir.resolve(FILE) + "; readers need no lock)", e);
        }
        return new ChainStoreException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }

    private static ChainStoreException interrupted(Path dir, Exception e) {
        return new ChainStoreException("interrupted while waiting for the writer lock of " + dir, e);
    }

    private static long holder(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            String text = new String(b, 0, Math.min(b.length, 20), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static ChainLockedException locked(Path dir, Duration timeout, long pid, String who) {
        return new ChainLockedException("chain " + dir + " is locked by " + who + " (waited " + timeout.toMillis()
                + " ms for " + dir.resolve(FILE) + "); retry when that writer has finished", dir.toString(), pid);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing drops the lock; nothing else to undo
        }
    }

    private static void release(Semaphore permit, FileChannel channel) {
        if (channel != null) {
            closeQuietly(channel);
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
