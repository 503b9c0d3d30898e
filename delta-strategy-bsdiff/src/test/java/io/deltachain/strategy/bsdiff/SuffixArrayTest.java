package io.deltachain.strategy.bsdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.deltachain.strategy.bsdiff.internal.SuffixArray;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuffixArrayTest {
    private static int[] naive(byte[] data) {
        return IntStream.range(0, data.length).boxed()
                .sorted((a, b) -> Arrays.compareUnsigned(data, a, data.length, data, b, data.length))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void matchesANaiveSortOnRandomAndRepetitiveTexts() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 400; i++) {
            int n = r.nextInt(300);
            byte[] data = new byte[n];
            int alphabet = 1 + r.nextInt(i % 3 == 0 ? 2 : 256);
            for (int j = 0; j < n; j++) {
                data[j] = (byte) (r.nextInt(alphabet) - (r.nextBoolean() ? 0 : 128));
            }
            assertArrayEquals(naive(data), SuffixArray.of(data), "seed=" + seed + " case " + i);
        }
    }

    @Test
    void degenerateTexts() {
        for (byte[] data : new byte[][] {new byte[0], new byte[1], new byte[1000], "abababababababab".getBytes(),
                "mississippi".getBytes(), "aaaaaaaaab".getBytes(), "baaaaaaaaa".getBytes()}) {
            assertArrayEquals(naive(data), SuffixArray.of(data), new String(data));
        }
    }
}
