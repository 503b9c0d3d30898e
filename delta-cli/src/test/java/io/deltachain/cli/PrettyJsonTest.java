package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.cli.internal.Sizes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {
    private static String pretty(String canonical) {
        return new String(PrettyJson.indent(canonical.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void indentsWithoutTouchingStringsOrNumbers() {
        assertEquals("{\n  \"a\": [\n    1e+400,\n    \"x,{}\\\"]\"\n  ],\n  \"b\": {},\n  \"c\": []\n}\n",
                pretty("{\"a\":[1e+400,\"x,{}\\\"]\"],\"b\":{},\"c\":[]}"));
        assertEquals("7\n", pretty("7"));
    }

    @Test
    void sizesTakeSuffixes() {
        assertEquals(1024, Sizes.parse("1K"));
        assertEquals(3L << 30, Sizes.parse("3g"));
        assertEquals(17, Sizes.parse("17"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("12X"));
    }
}
