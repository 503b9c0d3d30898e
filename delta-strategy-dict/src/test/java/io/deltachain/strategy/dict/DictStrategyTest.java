package io.deltachain.strategy.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonValues;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateMismatchException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictStrategyTest {
    private final DictStrategy dict = new DictStrategy();

    static Map<String, Object> s1() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key1", "value1");
        m.put("key2", 42);
        m.put("key3", List.of(1, 2, 3));
        m.put("key4", new LinkedHashMap<>(Map.of("nested", "value")));
        return m;
    }

    static Map<String, Object> s2() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key1", "value1");
        m.put("key2", 43);
        m.put("key5", "new_value");
        Map<String, Object> key4 = new LinkedHashMap<>();
        key4.put("nested", "value");
        key4.put("added", true);
        m.put("key4", key4);
        return m;
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void payloadIsCanonicalJsonWithNestedChangesKeptInside() {
        byte[] payload = dict.diff(s1(), s2());
        assertEquals("{\"nested\":{\"key4\":{\"set\":{\"added\":true}}},\"remove\":[\"key3\"],"
                + "\"set\":{\"key2\":43,\"key5\":\"new_value\"},\"v\":1}", text(payload));
        assertTrue(JsonValues.equal(s2(), dict.apply(s1(), payload, Limits.defaults())));
    }

    @Test
    void describeGivesOneLinePerChangedKeyAndTheOldValuesWithTheBase() {
        byte[] payload = dict.diff(s1(), s2());
        assertEquals(java.util.Optional.of("~ /key2: 43\n- /key3\n~ /key4/added: true\n~ /key5: \"new_value\"\n"),
                dict.describe(payload));
        assertEquals(java.util.Optional.of("~ /key2: 42 -> 43\n- /key3: [1,2,3]\n+ /key4/added: true\n"
                + "+ /key5: \"new_value\"\n"), dict.describe(s1(), payload, Limits.defaults()));
        assertEquals(java.util.Optional.of(""), dict.describe(dict.diff(s1(), s1())));
        assertEquals(java.util.Optional.of(""), DictStrategy.includingUnchanged().describe(
                DictStrategy.includingUnchanged().diff(s1(), s1())), "unchanged keys are no change");
        Map<String, Object> odd = new LinkedHashMap<>(Map.of("a/b~c", 1));
        assertEquals(java.util.Optional.of("- /a~1b~0c: 1\n"), dict.describe(odd, dict.diff(odd, Map.of()),
                Limits.defaults()), "keys as RFC 6901 pointers");
        assertThrows(CorruptDeltaException.class, () -> dict.describe("{\"v\":9}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void summaryCountsChangesAndRemovalsAndListsPointers() {
        PatchSummary s = dict.summary(dict.diff(s1(), s2()));
        assertEquals(3, s.changes());
        assertEquals(1, s.removals());
        assertEquals(List.of("/key2", "/key3", "/key4/added", "/key5"), s.affectedKeys());
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("a/b", 1);
        target.put("c~d", 2);
        assertEquals(List.of("/a~1b", "/c~0d"), dict.summary(dict.diff(Map.of(), target)).affectedKeys());
    }

    @Test
    void valuesAreComparedByJsonSemantics() {
        assertEquals("{\"v\":1}", text(dict.diff(Map.of("a", 1), Map.of("a", 1.0))));
        assertFalse(dict.summary(dict.diff(Map.of("a", 1), Map.of("a", true))).isEmpty());
    }

    @Test
    void includingUnchangedListsUnchangedKeysAndApplyIgnoresThem() {
        byte[] payload = DictStrategy.includingUnchanged().diff(s1(), s2());
        assertTrue(text(payload).contains("\"unchanged\":{\"key1\":\"value1\"}"), text(payload));
        assertTrue(JsonValues.equal(s2(), dict.apply(s1(), payload, Limits.defaults())));
    }

    @Test
    void composeKeepsAKeyRemovedAndReAdded() {
        Map<String, Object> a = Map.of("key1", "x", "key2", 1);
        Map<String, Object> b = Map.of("key2", 2);
        Map<String, Object> c = Map.of("key1", "y", "key2", 2, "key3", 3);
        byte[] composed = dict.compose(dict.diff(a, b), dict.diff(b, c));
        assertTrue(JsonValues.equal(c, dict.apply(a, composed, Limits.defaults())));
        byte[] addThenRemove = dict.compose(dict.diff(b, c), dict.diff(c, b));
        assertTrue(JsonValues.equal(b, dict.apply(b, addThenRemove, Limits.defaults())));
    }

    @Test
    void composeFoldsNestedChangesIntoASetValue() {
        Map<String, Object> a = Map.of();
        Map<String, Object> b = Map.of("m", Map.of("x", 1));
        Map<String, Object> c = Map.of("m", Map.of("x", 1, "y", 2));
        byte[] composed = dict.compose(dict.diff(a, b), dict.diff(b, c));
        assertEquals("{\"set\":{\"m\":{\"x\":1,\"y\":2}},\"v\":1}", text(composed));
    }

    @Test
    void malformedPayloadsAreCorruptWithAPlace() {
        for (String bad : List.of("", "[]", "{}", "{\"v\":2}", "{\"v\":1,\"set\":[]}", "{\"v\":1,\"remove\":[1]}",
                "{\"v\":1,\"what\":{}}", "{\"v\":1,\"set\":{\"a\":1},\"remove\":[\"a\"]}",
                "{\"v\":1,\"nested\":{\"a\":{\"set\":5}}}", "{\"v\":1,\"remove\":[\"a\",\"a\"]}")) {
            CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                    () -> dict.apply(s1(), bad.getBytes(StandardCharsets.UTF_8), Limits.defaults()), bad);
            assertFalse(e.getMessage().isBlank());
        }
        CorruptDeltaException nested = assertThrows(CorruptDeltaException.class, () -> dict.apply(s1(),
                "{\"v\":1,\"nested\":{\"a\":{\"set\":5}}}".getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        assertTrue(nested.getMessage().contains("/a"), nested.getMessage());
    }

    @Test
    void nestedPatchOnAValueThatIsNotAnObjectIsAMismatch() {
        byte[] payload = dict.diff(s1(), s2());
        Map<String, Object> wrong = s1();
        wrong.put("key4", "not an object");
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> dict.apply(wrong, payload, Limits.defaults()));
        assertTrue(e.getMessage().contains("/key4"), e.getMessage());
    }

    @Test
    void unsupportedValuesAreInvalidState() {
        assertThrows(InvalidStateException.class, () -> dict.diff(Map.of(), Map.of("when", new java.util.Date())));
        assertThrows(InvalidStateException.class, () -> dict.diff(Map.of(), Map.of("nan", Double.NaN)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void applyNeverSharesObjectsWithTheBase() {
        Map<String, Object> base = s1();
        Map<String, Object> out = dict.apply(base, dict.diff(base, base), Limits.defaults());
        ((Map<String, Object>) out.get("key4")).put("x", 1);
        assertEquals("{\"nested\":\"value\"}", CanonicalJson.toString(base.get("key4")));
    }

    @Test
    void isDiscoveredAsDict() {
        assertTrue(DeltaRegistry.load().strategy("dict") instanceof DictStrategy);
    }
}
