package io.deltachain.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The concurrency checks' harness: workers started together, each with its own seeded Random. */
final class Workers {
    /** One worker's job. */
    interface Body {
        void run(int thread, Random random) throws Exception;
    }

    /** One step of a worker, named in any failure. */
    interface Step {
        void run() throws Exception;
    }

    private Workers() {
    }

    /**
     * Runs {@code threads} workers at once and fails the trial with the first worker's failure, or
     * when one does not finish within four minutes.
     */
    static void run(Trial t, int threads, String label, Body body) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>(threads);
            for (int thread = 0; thread < threads; thread++) {
                int threadIndex = thread;
                long threadSeed = t.random().nextLong();
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(threadIndex, new Random(threadSeed));
                    return null;
                }));
            }
            start.countDown();
            t.at(label + " on " + threads + " threads");
            for (Future<Void> future : futures) {
                try {
                    future.get(4, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw t.fail(String.valueOf(e.getCause().getMessage()), e.getCause());
                } catch (TimeoutException e) {
                    throw t.fail("a worker thread did not finish within 4 minutes (deadlock?)", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs a step; any failure, assertion or exception, becomes an assertion failure naming the step. */
    static void step(String where, Step step) {
        try {
            step.run();
        } catch (AssertionError e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new AssertionError(where + ": " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
