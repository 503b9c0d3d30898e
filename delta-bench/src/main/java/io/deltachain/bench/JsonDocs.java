package io.deltachain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded JSON documents for the json-patch benchmarks: nested objects holding arrays of records
 * (orders with lines, customers with addresses), and edited versions of them with about 1 % of the
 * leaves changed plus some records inserted, removed and moved.
 */
final class JsonDocs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};

    private JsonDocs() {
    }

    /** @return the pair named {@code 1k}, {@code 1m}, {@code 50m} or {@code 330k}: {base, target} */
    static JsonNode[] pair(String name) {
        int records = switch (name) {
            case "1k" -> 3;
            case "330k" -> 1_100;
            case "1m" -> 3_300;
            case "50m" -> 165_000;
            default -> throw new IllegalArgumentException("no document pair " + name);
        };
        Random r = new Random(name.hashCode());
        JsonNode base = document(r, records);
        return new JsonNode[] {base, edit(r, base, 0.01)};
    }

    /** A document of about {@code records} × 300 bytes: settings, then two arrays of records, one nested. */
    static ObjectNode document(Random r, int records) {
        ObjectNode doc = F.objectNode();
        ObjectNode settings = doc.putObject("settings");
        for (int i = 0; i < 20; i++) {
            settings.put("option" + i, r.nextInt(100));
        }
        ArrayNode orders = doc.putArray("orders");
        for (int i = 0; i < records - records / 3; i++) {
            orders.add(order(r, i));
        }
        ObjectNode crm = doc.putObject("crm");
        crm.put("region", word(r));
        ArrayNode customers = crm.putArray("customers");
        for (int i = 0; i < records / 3; i++) {
            customers.add(customer(r, i));
        }
        return doc;
    }

    static ObjectNode order(Random r, int id) {
        ObjectNode o = F.objectNode();
        o.put("id", "order-" + id);
        o.put("customer", "customer-" + r.nextInt(1000));
        o.put("status", word(r));
        o.put("total", r.nextInt(100_000) / 100.0);
        o.put("created", 1_700_000_000L + r.nextInt(10_000_000));
        ArrayNode lines = o.putArray("lines");
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            ObjectNode line = lines.addObject();
            line.put("sku", "sku-" + r.nextInt(5000));
            line.put("quantity", 1 + r.nextInt(9));
            line.put("price", r.nextInt(10_000) / 100.0);
            line.put("note", word(r) + " " + word(r));
        }
        o.putArray("tags").add(word(r)).add(word(r));
        o.put("comment", word(r) + " " + word(r) + " " + word(r) + " " + word(r));
        return o;
    }

    static ObjectNode customer(Random r, int id) {
        ObjectNode c = F.objectNode();
        c.put("id", "customer-" + id);
        c.put("name", word(r) + " " + word(r));
        c.put("email", word(r) + id + "@example.com");
        ObjectNode address = c.putObject("address");
        address.put("street", r.nextInt(500) + " " + word(r) + " street");
        address.put("city", word(r));
        address.put("zip", String.format("%05d", r.nextInt(100_000)));
        c.put("vip", r.nextBoolean());
        c.put("balance", r.nextInt(1_000_000) / 100.0);
        c.put("comment", word(r) + " " + word(r) + " " + word(r) + " " + word(r));
        return c;
    }

    /**
     * A deep copy with about {@code fraction} of the leaves changed, and in each array of records
     * about {@code fraction} of the records inserted, removed or moved.
     */
    static JsonNode edit(Random r, JsonNode base, double fraction) {
        ObjectNode doc = (ObjectNode) base.deepCopy();
        for (ArrayNode records : List.of((ArrayNode) doc.get("orders"), (ArrayNode) doc.get("crm").get("customers"))) {
            int n = records.size();
            List<JsonNode> items = new ArrayList<>();
            records.forEach(items::add);
            for (JsonNode item : items) {
                editLeaves(r, item, fraction);
            }
            int structural = Math.max(1, (int) Math.round(n * fraction / 3));
            for (int k = 0; k < structural && items.size() > 2; k++) {
                items.remove(r.nextInt(items.size()));
                JsonNode moved = items.remove(r.nextInt(items.size()));
                items.add(r.nextInt(items.size() + 1), moved);
                boolean orders = items.get(0).has("lines");
                items.add(r.nextInt(items.size() + 1), orders ? order(r, 1_000_000 + k) : customer(r, 1_000_000 + k));
            }
            records.removeAll();
            items.forEach(records::add);
        }
        editLeaves(r, doc.get("settings"), fraction);
        ((ObjectNode) doc.get("settings")).put("revision", r.nextInt()); // every version changes something
        return doc;
    }

    private static void editLeaves(Random r, JsonNode node, double fraction) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isContainerNode()) {
                    editLeaves(r, v, fraction);
                } else if (r.nextDouble() < fraction) {
                    o.set(name, v.isNumber() ? F.numberNode(r.nextInt(1000)) : F.textNode(word(r)));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (v.isContainerNode()) {
                    editLeaves(r, v, fraction);
                } else if (r.nextDouble() < fraction) {
                    ((ArrayNode) node).set(i, F.textNode(word(r)));
                }
            }
        }
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    /** @return the canonical JSON size of a document, in bytes */
    static int size(JsonNode doc) {
        return CanonicalJson.write(doc).length;
    }
}
