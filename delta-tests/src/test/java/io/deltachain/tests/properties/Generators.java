package io.deltachain.tests.properties;

import io.deltachain.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of JSON values, maps (nested up to depth 3), mutations of maps (so that
 * pairs and sequences share most keys, with keys removed and re-added on purpose) and byte arrays.
 * Values include integers at the edges of int and long, integers above 2^53, huge big integers,
 * doubles such as 0.1, big decimals, unicode strings (no lone surrogates: canonical JSON refuses
 * them) and keys holding '/' and '~' (escaped in JSON Pointers).
 */
final class Generators {
    static final int MAX_DEPTH = 3;

    /** Keys drawn from a small pool, so that bases and targets share keys. */
    private static final List<String> KEYS = List.of("a", "b", "c", "key1", "key2", "n", "", "a/b", "~", "~0", "~1",
            "x~/y", "/", "é", "ключ", "日本", "😀", "a.b", "A", "$ref", "null", "0", "10", "\u0000", "\u007f", "tab\t");

    private static final List<Object> EDGE_NUMBERS = List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L, 0.1, -0.1, 1.5, 1e-7, 1e21, 1e300, 5e-324,
            Double.MAX_VALUE, -0.0, 1.0, 100.0, 0.30000000000000004, new BigInteger("123456789012345678901234567890"),
            new BigInteger("-98765432109876543210987654321098765432109876543210"), new BigDecimal("1.10"),
            new BigDecimal("1e400"), new BigDecimal("-2.5e-400"), new BigDecimal("0.000001"), new BigDecimal("3.14159"),
            (byte) 7, (short) -300, 2.5f);

    private Generators() {
    }

    static int range(RandomnessSource rs, int lo, int hi) {
        return Generate.range(lo, hi).generate(rs);
    }

    static long longRange(RandomnessSource rs, long lo, long hi) {
        return Generate.longRange(lo, hi).generate(rs);
    }

    static boolean chance(RandomnessSource rs, int percent) {
        return range(rs, 1, 100) <= percent;
    }

    /** A unicode string of valid code points (no lone surrogates), mostly short. */
    static String string(RandomnessSource rs, int maxLength) {
        int n = range(rs, 0, maxLength);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = range(rs, 0, 9);
            int cp = switch (kind) {
                case 0 -> range(rs, 0, 0x1f); // control characters: escaped
                case 1 -> "\"\\/~".codePointAt(range(rs, 0, 3));
                case 2 -> range(rs, 0x80, 0x7ff);
                case 3 -> range(rs, 0x800, 0xd7ff);
                case 4 -> range(rs, 0xe000, 0xfffd);
                case 5 -> range(rs, 0x10000, 0x10ffff); // surrogate pairs
                default -> range(rs, 0x20, 0x7e);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    static String key(RandomnessSource rs) {
        return chance(rs, 80) ? KEYS.get(range(rs, 0, KEYS.size() - 1)) : string(rs, 6);
    }

    static Object number(RandomnessSource rs) {
        return switch (range(rs, 0, 5)) {
            case 0 -> EDGE_NUMBERS.get(range(rs, 0, EDGE_NUMBERS.size() - 1));
            case 1 -> range(rs, -1000, 1000);
            case 2 -> longRange(rs, Long.MIN_VALUE, Long.MAX_VALUE);
            case 3 -> {
                double d = Double.longBitsToDouble(longRange(rs, Long.MIN_VALUE, Long.MAX_VALUE));
                yield Double.isFinite(d) ? d : 0.25;
            }
            case 4 -> range(rs, -100000, 100000) / 100.0;
            default -> new BigDecimal(BigInteger.valueOf(longRange(rs, -1_000_000_000L, 1_000_000_000L)),
                    range(rs, -30, 30));
        };
    }

    static Object scalar(RandomnessSource rs) {
        return switch (range(rs, 0, 9)) {
            case 0 -> null;
            case 1 -> Boolean.TRUE;
            case 2 -> Boolean.FALSE;
            case 3, 4, 5 -> number(rs);
            default -> string(rs, 12);
        };
    }

    /** Any JSON value; containers only while {@code depth < MAX_DEPTH}. */
    static Object value(RandomnessSource rs, int depth) {
        if (depth >= MAX_DEPTH || chance(rs, 70)) {
            return scalar(rs);
        }
        if (chance(rs, 55)) {
            return map(rs, depth + 1, 4);
        }
        int n = range(rs, 0, 4);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(value(rs, depth + 1));
        }
        return list;
    }

    /** A map at {@code depth} (the top level is 1) with up to {@code maxKeys} keys. */
    static Map<String, Object> map(RandomnessSource rs, int depth, int maxKeys) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = range(rs, 0, maxKeys);
        for (int i = 0; i < n; i++) {
            m.put(key(rs), value(rs, depth));
        }
        return m;
    }

    /**
     * A changed copy of {@code base}: keys kept, removed, replaced or (for nested maps) patched
     * recursively, new keys added; sometimes {@code base} itself (an empty delta), sometimes an
     * unrelated map.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutate(RandomnessSource rs, Map<String, Object> base, int depth) {
        int mode = range(rs, 0, 19);
        if (mode == 0) {
            return copy(base);
        }
        if (mode == 1 && depth == 1) {
            return map(rs, depth, 6);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            int action = range(rs, 0, 9);
            Object v = e.getValue();
            if (action <= 4) {
                out.put(e.getKey(), copyValue(v));
            } else if (action == 5) {
                continue; // removed
            } else if (action <= 7 && v instanceof Map<?, ?> inner && depth < MAX_DEPTH) {
                out.put(e.getKey(), mutate(rs, (Map<String, Object>) inner, depth + 1));
            } else if (action == 8) {
                out.put(e.getKey(), value(rs, depth)); // replaced, maybe by another type
            } else {
                out.put(e.getKey(), equivalent(rs, v)); // same meaning, other Java type
            }
        }
        int added = range(rs, 0, 2);
        for (int i = 0; i < added; i++) {
            out.put(key(rs), value(rs, depth));
        }
        return out;
    }

    /** A value with the same JSON meaning as {@code v} but perhaps another Java type (1 and 1.0). */
    static Object equivalent(RandomnessSource rs, Object v) {
        if (v instanceof Integer i) {
            return switch (range(rs, 0, 3)) {
                case 0 -> (long) i;
                case 1 -> (double) i;
                case 2 -> new BigDecimal(i).setScale(2);
                default -> BigInteger.valueOf(i);
            };
        }
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        return copyValue(v);
    }

    static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }

    /** Top-level maps. */
    static Gen<Map<String, Object>> maps() {
        Gen<Map<String, Object>> g = rs -> map(rs, 1, 6);
        return g.describedAs(CanonicalJson::toString);
    }

    /** A base and a target that share much of their content. */
    static Gen<List<Map<String, Object>>> mapPairs() {
        return sequences(2, 2);
    }

    /**
     * A sequence of {@code min} to {@code max} maps, each a mutation of the one before; some steps
     * remove a key that a later step adds again on purpose.
     */
    static Gen<List<Map<String, Object>>> sequences(int min, int max) {
        return sequences(min, max, false);
    }

    /**
     * @param forceReAdd whether every sequence starts with a base holding key {@code k}, removes it
     *     and adds it again (at the top level or inside a nested map)
     */
    static Gen<List<Map<String, Object>>> sequences(int min, int max, boolean forceReAdd) {
        Gen<List<Map<String, Object>>> g = rs -> {
            if (forceReAdd) {
                return reAddSequence(rs, Math.max(3, range(rs, min, max)));
            }
            int n = range(rs, min, max);
            List<Map<String, Object>> states = new ArrayList<>();
            states.add(map(rs, 1, 6));
            while (states.size() < n) {
                Map<String, Object> prev = states.get(states.size() - 1);
                if (states.size() + 2 <= n && !prev.isEmpty() && chance(rs, 35)) {
                    // remove a key, then re-add it (same or another value) one step later
                    List<String> keys = new ArrayList<>(prev.keySet());
                    String k = keys.get(range(rs, 0, keys.size() - 1));
                    Map<String, Object> removed = mutate(rs, prev, 1);
                    removed.remove(k);
                    Map<String, Object> readded = mutate(rs, removed, 1);
                    readded.put(k, chance(rs, 50) ? copyValue(prev.get(k)) : value(rs, 1));
                    states.add(removed);
                    states.add(readded);
                } else {
                    states.add(mutate(rs, prev, 1));
                }
            }
            return states;
        };
        return g.describedAs(l -> l.stream().map(CanonicalJson::toString).toList().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reAddSequence(RandomnessSource rs, int n) {
        List<Map<String, Object>> states = new ArrayList<>();
        Map<String, Object> base = map(rs, 1, 5);
        boolean nested = chance(rs, 40);
        String k = key(rs);
        Map<String, Object> holder = base;
        if (nested) {
            Map<String, Object> inner = map(rs, 2, 3);
            base.put("n", inner);
            holder = inner;
        }
        holder.put(k, value(rs, nested ? 2 : 1));
        states.add(base);
        int removeAt = range(rs, 1, n - 2);
        int readdAt = range(rs, removeAt + 1, n - 1);
        for (int i = 1; i < n; i++) {
            Map<String, Object> next = mutate(rs, states.get(i - 1), 1);
            Map<String, Object> where = next;
            if (nested) {
                if (!(next.get("n") instanceof Map<?, ?>)) {
                    next.put("n", new LinkedHashMap<>());
                }
                where = (Map<String, Object>) next.get("n");
            }
            if (i >= removeAt && i < readdAt) {
                where.remove(k);
            } else if (i == readdAt) {
                where.put(k, chance(rs, 50) ? copyValue(holder.get(k)) : value(rs, 2));
            }
            states.add(next);
        }
        return states;
    }

    /** Byte arrays up to {@code max} bytes. */
    static byte[] bytes(RandomnessSource rs, int max) {
        byte[] b = new byte[range(rs, 0, max)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) range(rs, 0, 255);
        }
        return b;
    }

    /** Pairs of byte arrays: unrelated, appended to (the append-only fast path), truncated or equal. */
    static Gen<byte[][]> bytePairs() {
        Gen<byte[][]> g = rs -> {
            byte[] a = bytes(rs, 200);
            byte[] b = switch (range(rs, 0, 4)) {
                case 0 -> bytes(rs, 200);
                case 1, 2 -> {
                    byte[] tail = bytes(rs, 100);
                    byte[] out = Arrays.copyOf(a, a.length + tail.length);
                    System.arraycopy(tail, 0, out, a.length, tail.length);
                    yield out;
                }
                case 3 -> Arrays.copyOf(a, range(rs, 0, a.length));
                default -> a.clone();
            };
            return new byte[][] {a, b};
        };
        return g.describedAs(p -> Arrays.toString(p[0]) + " -> " + Arrays.toString(p[1]));
    }

    /** A random id as records accept them: {@code [a-z][a-z0-9-]{0,63}}, never {@code auto}. */
    static String id(RandomnessSource rs) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        int n = range(rs, 0, 63);
        StringBuilder s = new StringBuilder().append(alphabet.charAt(range(rs, 0, 25)));
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(range(rs, 0, alphabet.length() - 1)));
        }
        return s.toString().equals("auto") ? "auto-x" : s.toString();
    }
}
