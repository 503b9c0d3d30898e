package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer lock is fair within a process, blocks (without polling) across processes, and still times out. */
class DirectoryLockTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static void awaitWaiting(Path dir, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (DirectoryLock.waiting(dir) < n) {
            assertTrue(System.nanoTime() < deadline, "never " + n + " waiting");
            Thread.sleep(5);
        }
    }

    @Test
    void writersOfOneProcessAreServedInTheOrderTheyAsked(@TempDir Path dir) throws Exception {
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        try (DirectoryLock held = DirectoryLock.acquire(dir, Duration.ZERO)) {
            for (String name : List.of("first", "second", "third")) {
                waiters.add(CompletableFuture.runAsync(() -> {
                    try (DirectoryLock l = DirectoryLock.acquire(dir, PATIENCE)) {
                        served.add(name);
                    }
                }, r -> new Thread(r, name).start()));
                awaitWaiting(dir, waiters.size());
            }
        }
        CompletableFuture.allOf(waiters.toArray(new CompletableFuture[0])).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("first", "second", "third"), served);
    }

    /** A writer that lets go and asks again at once queues behind the one already waiting: no barging in. */
    @Test
    void aWriterThatTakesTheLockAgainAtOnceDoesNotOvertakeOneThatWaits(@TempDir Path dir) throws Exception {
        for (int trial = 0; trial < 20; trial++) {
            DirectoryLock held = DirectoryLock.acquire(dir, PATIENCE);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try (DirectoryLock mine = DirectoryLock.acquire(dir, PATIENCE)) {
                    done.await(); // holds it until the check below has run: it cannot finish first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, r -> new Thread(r, "waiter").start());
            awaitWaiting(dir, 1);
            held.close();
            assertThrows(ChainLockedException.class, () -> DirectoryLock.acquire(dir, Duration.ZERO).close(),
                    "trial " + trial + ": took the lock again ahead of the waiting writer");
            done.countDown();
            waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aWaiterInThisProcessTimesOut(@TempDir Path dir) {
        try (DirectoryLock held = DirectoryLock.acquire(dir, Duration.ZERO)) {
            long started = System.nanoTime();
            ChainLockedException e = assertThrows(ChainLockedException.class,
                    () -> DirectoryLock.acquire(dir, Duration.ofMillis(150)));
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos());
            assertEquals(ProcessHandle.current().pid(), e.holderPid().orElseThrow());
        }
    }

    @Test
    void aWaiterForAnotherProcessBlocksUntilItLetsGoAndTimesOutAtItsDeadline(@TempDir Path dir) throws Exception {
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp", System.getProperty("java.class.path"), LockHolderProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            long started = System.nanoTime();
            ChainLockedException e = assertThrows(ChainLockedException.class,
                    () -> DirectoryLock.acquire(dir, Duration.ofMillis(300)));
            long waited = System.nanoTime() - started;
            assertTrue(waited >= Duration.ofMillis(300).toNanos() && waited < Duration.ofSeconds(20).toNanos(),
                    waited + " ns");
            assertEquals(holder.pid(), e.holderPid().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains("process " + holder.pid()), e.getMessage());

            CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> {
                try (DirectoryLock l = DirectoryLock.acquire(dir, PATIENCE)) {
                    return System.nanoTime();
                }
            });
            awaitBlocked(next);
            long released = System.nanoTime();
            holder.getOutputStream().close();
            long acquired = next.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(acquired - released < Duration.ofSeconds(20).toNanos());
            assertTrue(holder.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
    }

    private static void awaitBlocked(CompletableFuture<?> waiter) throws InterruptedException {
        Thread.sleep(200);
        assertTrue(!waiter.isDone(), "the waiter got a lock another process holds");
    }

    @Test
    void aLockFileThatCannotBeOpenedSaysPermissionDeniedAndNamesThePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(DirectoryLock.FILE);
        ChainStoreException e = DirectoryLock.cannotLock(dir, new AccessDeniedException(file.toString()));
        assertTrue(e.getMessage().contains("permission denied") && e.getMessage().contains(file.toString()),
                e.getMessage());
        Files.createFile(file);
        if (file.toFile().setWritable(false, false) && !Files.isWritable(file)) { // root may write anyway
            ChainStoreException real = assertThrows(ChainStoreException.class,
                    () -> DirectoryLock.acquire(dir, Duration.ZERO));
            assertTrue(real.getMessage().contains("permission denied") && real.getMessage().contains(file.toString()),
                    real.getMessage());
        }
    }
}
