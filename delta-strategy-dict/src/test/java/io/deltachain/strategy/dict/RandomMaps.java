package io.deltachain.strategy.dict;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random JSON maps and edits of them, for the contract and property checks. */
final class RandomMaps {
    private static final String[] KEYS = {"a", "b", "c", "key1", "key/2", "k~3", "é", "\uD83D\uDE00", "", "nested"};

    private RandomMaps() {
    }

    static Map<String, Object> map(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            m.put(KEYS[r.nextInt(KEYS.length)], value(r, depth));
        }
        return m;
    }

    static Object value(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 9 : 7)) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return r.nextInt(5);
            case 3: return r.nextBoolean() ? 0.1 : new BigDecimal("1.50");
            case 4: return BigInteger.TWO.pow(70).add(BigInteger.valueOf(r.nextInt(3)));
            case 5: return "s" + r.nextInt(4);
            case 6: return r.nextLong();
            case 7: return map(r, depth - 1);
            default:
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    list.add(value(r, depth - 1));
                }
                return list;
        }
    }

    /** A copy of {@code base} with random keys set, removed, or edited inside nested maps. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> edit(Random r, Map<String, Object> base, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            int roll = r.nextInt(10);
            if (roll == 0) {
                continue;
            }
            Object v = e.getValue();
            if (roll == 1) {
                v = value(r, depth);
            } else if (roll < 5 && v instanceof Map<?, ?> inner) {
                v = edit(r, (Map<String, Object>) inner, depth - 1);
            }
            m.put(e.getKey(), v);
        }
        if (r.nextInt(3) == 0) {
            m.put(KEYS[r.nextInt(KEYS.length)], value(r, depth));
        }
        return m;
    }
}
