package io.deltachain.strategy.jsonpatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random JSON trees and edits of them: nested objects, arrays of records (inserted, removed,
 * moved and edited), awkward member names ({@code ~}, {@code /}, {@code -}, digits, empty) and every
 * scalar kind, including numbers equal by value in other forms.
 */
final class RandomTrees {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] NAMES = {"a", "b", "id", "name", "tags", "a/b", "m~n", "~1", "-", "0", "01", "", "é",
            "\uD83D\uDE00", "items", "x"};

    private final boolean nulls;

    /** @param nulls whether object members may be null (merge-patch cannot set them) */
    RandomTrees(boolean nulls) {
        this.nulls = nulls;
    }

    JsonNode document(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> scalar(r);
            case 1, 2 -> array(r, 3);
            default -> object(r, 3);
        };
    }

    JsonNode value(Random r, int depth) {
        if (depth <= 0) {
            return scalar(r);
        }
        return switch (r.nextInt(8)) {
            case 0, 1 -> object(r, depth - 1);
            case 2 -> array(r, depth - 1);
            case 3 -> records(r, depth - 1);
            default -> scalar(r);
        };
    }

    private ObjectNode object(Random r, int depth) {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(6); i > 0; i--) {
            JsonNode v = value(r, depth);
            o.set(NAMES[r.nextInt(NAMES.length)], !nulls && v.isNull() ? F.textNode("n") : v);
        }
        return o;
    }

    private ArrayNode array(Random r, int depth) {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(6); i > 0; i--) {
            a.add(value(r, depth));
        }
        return a;
    }

    /** An array of small records with ids, some of them equal: the shape json-patch's array diff is for. */
    private ArrayNode records(Random r, int depth) {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(12); i > 0; i--) {
            a.add(record(r, depth));
        }
        return a;
    }

    ObjectNode record(Random r, int depth) {
        ObjectNode o = F.objectNode();
        o.put("id", r.nextInt(6));
        o.put("name", "n" + r.nextInt(4));
        if (r.nextBoolean()) {
            o.set("tags", depth > 0 ? array(r, depth - 1) : F.arrayNode().add("t"));
        }
        return o;
    }

    JsonNode scalar(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> nulls ? F.nullNode() : F.textNode("");
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(r.nextInt(4));
            case 3 -> F.numberNode(new BigDecimal(r.nextBoolean() ? "1.0" : "1.50"));
            case 4 -> F.numberNode(BigInteger.TWO.pow(70));
            case 5 -> F.numberNode(r.nextLong());
            case 6 -> F.textNode("s" + r.nextInt(3));
            case 7 -> F.textNode("~/\"\\\u00e9\uD83D\uDE00");
            default -> F.numberNode(r.nextInt(100));
        };
    }

    /** A deep copy of {@code base} with random edits at every level. */
    JsonNode edit(Random r, JsonNode base, int depth) {
        if (r.nextInt(20) == 0) {
            return document(r); // now and then the document changes kind or is replaced
        }
        if (base.isObject()) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<String, JsonNode> e : base.properties()) {
                int roll = r.nextInt(10);
                if (roll == 0) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (roll == 1) {
                    v = value(r, depth);
                    v = !nulls && v.isNull() ? F.textNode("n") : v;
                } else if (roll < 5 && depth > 0) {
                    v = edit(r, v, depth - 1);
                } else {
                    v = v.deepCopy();
                }
                o.set(e.getKey(), v);
            }
            if (r.nextInt(3) == 0) {
                JsonNode v = value(r, depth);
                o.set(NAMES[r.nextInt(NAMES.length)], !nulls && v.isNull() ? F.textNode("n") : v);
            }
            return o;
        }
        if (base.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            base.forEach(item -> items.add(item.deepCopy()));
            for (int k = r.nextInt(4); k > 0; k--) {
                int size = items.size();
                switch (r.nextInt(5)) {
                    case 0 -> items.add(r.nextInt(size + 1), r.nextBoolean() ? record(r, depth) : value(r, depth));
                    case 1 -> {
                        if (size > 0) {
                            items.remove(r.nextInt(size));
                        }
                    }
                    case 2 -> {
                        if (size > 1) {
                            JsonNode moved = items.remove(r.nextInt(size));
                            items.add(r.nextInt(size), moved);
                        }
                    }
                    case 3 -> {
                        if (size > 0) {
                            int i = r.nextInt(size);
                            items.set(i, edit(r, items.get(i), Math.max(0, depth - 1)));
                        }
                    }
                    default -> {
                        if (size > 0) {
                            items.add(r.nextInt(size + 1), items.get(r.nextInt(size)).deepCopy()); // a duplicate
                        }
                    }
                }
            }
            ArrayNode a = F.arrayNode();
            items.forEach(a::add);
            return a;
        }
        return r.nextBoolean() ? base : scalar(r);
    }
}
