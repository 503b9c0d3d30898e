package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code copy} operations are charged by the heap their trees take, not only by their JSON text: a
 * patch of a few doubling copies of a tree of small arrays takes 10 to 30 times its text in memory, and
 * must be refused before that memory is taken (the breaker's 1.8 KB patch took 741 MB and 10 s).
 */
class CopyBoundsTest {
    private static final NativeFormat<JsonNode> RFC6902 = new JsonPatchStrategy().nativeFormat().orElseThrow();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Each operation copies the whole array into itself: the tree's containers double every time. */
    private static byte[] doublingCopies(int n) {
        StringBuilder patch = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            patch.append(i == 0 ? "" : ",").append("{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/a/-\"}");
        }
        return patch.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void doublingCopiesOfSmallArraysAreRefusedBeforeTheirHeapIsTaken() {
        byte[] patch = doublingCopies(40);
        JsonNode doc = json("{\"a\":[1]}");
        long before = THREADS.getCurrentThreadAllocatedBytes();
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> RFC6902.apply(doc, patch, Limits.defaults()));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("in memory (estimated)"), e.getMessage());
        long allowed = Limits.defaults().maxExpandedBytes(patch.length, 9);
        // what the copies keep is bounded by the estimate; garbage (list growth) by a small multiple of it
        assertTrue(allocated < 3 * allowed, () -> "allocated " + allocated + " bytes, allowed " + allowed);
    }

    @Test
    void copiesOfALargeSubtreeInALargeDocumentStillApply() {
        StringBuilder doc = new StringBuilder("{\"a\":[");
        for (int i = 0; i < 20_000; i++) {
            doc.append(i == 0 ? "" : ",").append("{\"k\":[").append(i).append("]}");
        }
        JsonNode result = RFC6902.apply(json(doc.append("]}").toString()), doublingCopies(4), Limits.defaults());
        assertEquals(20_000 + 4, result.get("a").size());
        assertEquals(20_000 * 16, objects(result)); // four doublings
    }

    private static int objects(JsonNode node) {
        int n = node.isObject() ? 1 : 0;
        for (JsonNode v : node) {
            n += v.isContainerNode() ? objects(v) : 0;
        }
        return n - (node.has("a") ? 1 : 0);
    }

    /** The breaker's second bomb: a large document of small containers, copied many times (ran out of 6 GiB). */
    @Test
    void manyCopiesOfALargeDocumentOfSmallContainersAreBoundedByTheStateLimit() {
        StringBuilder doc = new StringBuilder("{\"a\":[");
        for (int i = 0; i < 30_000; i++) {
            doc.append(i == 0 ? "[]" : ",[]");
        }
        StringBuilder patch = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            patch.append(i == 0 ? "" : ",").append("{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"}");
        }
        Limits limits = Limits.defaults().withMaxStateBytes(8 << 20);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> RFC6902.apply(
                json(doc.append("]}").toString()), patch.append(']').toString().getBytes(StandardCharsets.UTF_8), limits));
        assertEquals(Limit.STATE_BYTES, e.limit(), e.getMessage());
    }
}
