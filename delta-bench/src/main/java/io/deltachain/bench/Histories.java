package io.deltachain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic version histories for the chain-size measurements (issue 23), written as files
 * {@code v0000.json}, {@code v0001.json}, ... (or {@code .txt}) that a chain, git and Mercurial all
 * take in the same order:
 * <ul>
 *   <li>{@code json}: a pretty-printed document of about 200 KB (a settings object, 350 orders and 350
 *   customers); each version edits 3 to 10 leaves of random records, and about one version in ten
 *   inserts a record into or removes one from one of the two arrays;</li>
 *   <li>{@code text}: a log- and config-like text file of about 1 MB (14,000 lines); each version
 *   replaces, inserts or deletes 1 to 8 lines.</li>
 * </ul>
 * The same seed gives the same bytes on every machine (Jackson's default pretty printer, a
 * {@link SplittableRandom}, no clock, no locale).
 *
 * <p>{@code java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.Histories json|text N DIR}
 */
public final class Histories {
    private static final long SEED = 20261203L;
    private static final String[] STATUSES = {"new", "paid", "packed", "shipped", "delivered", "returned"};
    private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
    private static final String[] CITIES = {"Lisbon", "Porto", "Madrid", "Lyon", "Ghent", "Turin", "Graz", "Brno"};
    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String[] PATHS = {"/api/orders", "/api/customers", "/api/cart", "/health", "/api/search"};

    private Histories() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !List.of("json", "text").contains(args[0])) {
            System.err.println("usage: Histories json|text VERSIONS DIR");
            System.exit(2);
        }
        List<Path> files = write(args[0], Integer.parseInt(args[1]), Path.of(args[2]));
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf(Locale.ROOT, "%d versions in %s, %,d bytes in all, the last %,d bytes%n", files.size(),
                args[2], bytes, Files.size(files.get(files.size() - 1)));
    }

    /**
     * Writes the history's versions into {@code dir} (created), unless it already holds them all.
     *
     * @return the version files, oldest first
     */
    static List<Path> write(String kind, int versions, Path dir) throws IOException {
        Files.createDirectories(dir);
        String ext = kind.equals("json") ? ".json" : ".txt";
        List<Path> files = new ArrayList<>();
        for (int v = 0; v < versions; v++) {
            files.add(dir.resolve(String.format(Locale.ROOT, "v%04d%s", v, ext)));
        }
        Path done = dir.resolve(".complete-" + kind + "-" + versions + "-" + SEED);
        if (Files.exists(done)) {
            return files;
        }
        if (kind.equals("json")) {
            JsonHistory h = new JsonHistory(new SplittableRandom(SEED));
            for (int v = 0; v < versions; v++) {
                if (v > 0) {
                    h.step();
                }
                Files.write(files.get(v), h.bytes());
            }
        } else {
            TextHistory h = new TextHistory(new SplittableRandom(SEED));
            for (int v = 0; v < versions; v++) {
                if (v > 0) {
                    h.step();
                }
                Files.write(files.get(v), h.bytes());
            }
        }
        Files.write(done, new byte[0]);
        return files;
    }

    /** The JSON history's document, edited in place version by version. */
    static final class JsonHistory {
        private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        private final SplittableRandom random;
        private final Map<String, Object> doc = new LinkedHashMap<>();
        private final List<Map<String, Object>> orders = new ArrayList<>();
        private final List<Map<String, Object>> customers = new ArrayList<>();
        private int nextOrder;
        private int nextCustomer;

        JsonHistory(SplittableRandom random) {
            this.random = random;
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("service", "orders");
            settings.put("region", "eu-west-1");
            settings.put("revision", 0);
            Map<String, Object> limits = new LinkedHashMap<>();
            for (String k : List.of("maxItems", "maxRetries", "timeoutMs", "batchSize", "poolSize")) {
                limits.put(k, 10 + random.nextInt(990));
            }
            settings.put("limits", limits);
            Map<String, Object> features = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                features.put("feature-" + i, random.nextBoolean());
            }
            settings.put("features", features);
            doc.put("settings", settings);
            for (int i = 0; i < 350; i++) {
                orders.add(order());
                customers.add(customer());
            }
            doc.put("orders", orders);
            doc.put("customers", customers);
        }

        private Map<String, Object> order() {
            Map<String, Object> o = new LinkedHashMap<>();
            int n = nextOrder++;
            o.put("id", String.format(Locale.ROOT, "ord-%06d", 100000 + n));
            o.put("customer", String.format(Locale.ROOT, "cus-%05d", random.nextInt(nextCustomer + 350)));
            o.put("status", STATUSES[random.nextInt(STATUSES.length)]);
            o.put("currency", "EUR");
            o.put("created", String.format(Locale.ROOT, "2026-%02d-%02dT%02d:%02d:00Z", 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60)));
            List<Map<String, Object>> lines = new ArrayList<>();
            int total = 0;
            for (int k = 0; k < 2; k++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sku", String.format(Locale.ROOT, "sku-%04d", random.nextInt(10000)));
                int qty = 1 + random.nextInt(9);
                int price = 100 + random.nextInt(9900);
                line.put("qty", qty);
                line.put("price", price / 100.0);
                lines.add(line);
                total += qty * price;
            }
            o.put("lines", lines);
            o.put("total", total / 100.0);
            return o;
        }

        private Map<String, Object> customer() {
            Map<String, Object> c = new LinkedHashMap<>();
            int n = nextCustomer++;
            c.put("id", String.format(Locale.ROOT, "cus-%05d", n));
            c.put("name", "Customer " + n);
            c.put("email", "customer" + n + "@example.com");
            c.put("tier", TIERS[random.nextInt(TIERS.length)]);
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("city", CITIES[random.nextInt(CITIES.length)]);
            address.put("zip", String.format(Locale.ROOT, "%05d", random.nextInt(100000)));
            c.put("address", address);
            c.put("balance", random.nextInt(1000000) / 100.0);
            return c;
        }

        @SuppressWarnings("unchecked")
        void step() {
            Map<String, Object> settings = (Map<String, Object>) doc.get("settings");
            settings.put("revision", (Integer) settings.get("revision") + 1);
            int edits = 3 + random.nextInt(8);
            for (int e = 1; e < edits; e++) {
                if (random.nextBoolean()) {
                    Map<String, Object> o = orders.get(random.nextInt(orders.size()));
                    switch (random.nextInt(3)) {
                        case 0 -> o.put("status", STATUSES[random.nextInt(STATUSES.length)]);
                        case 1 -> o.put("total", random.nextInt(1000000) / 100.0);
                        default -> ((List<Map<String, Object>>) o.get("lines")).get(random.nextInt(2))
                                .put("qty", 1 + random.nextInt(9));
                    }
                } else {
                    Map<String, Object> c = customers.get(random.nextInt(customers.size()));
                    switch (random.nextInt(3)) {
                        case 0 -> c.put("tier", TIERS[random.nextInt(TIERS.length)]);
                        case 1 -> c.put("balance", random.nextInt(1000000) / 100.0);
                        default -> ((Map<String, Object>) c.get("address")).put("city",
                                CITIES[random.nextInt(CITIES.length)]);
                    }
                }
            }
            if (random.nextInt(10) == 0) {
                boolean inOrders = random.nextBoolean();
                List<Map<String, Object>> array = inOrders ? orders : customers;
                if (array.size() > 350 || array.size() >= 340 && random.nextBoolean()) {
                    array.remove(random.nextInt(array.size()));
                } else {
                    array.add(random.nextInt(array.size() + 1), inOrders ? order() : customer());
                }
            }
        }

        byte[] bytes() {
            try {
                return (MAPPER.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The text history's lines, edited in place version by version. */
    static final class TextHistory {
        private final SplittableRandom random;
        private final List<String> lines = new ArrayList<>();
        private int clock;

        TextHistory(SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < 14000; i++) {
                lines.add(line());
            }
        }

        private String line() {
            int t = clock++;
            if (random.nextInt(8) == 0) {
                return String.format(Locale.ROOT, "config.%s.%s-%03d = %s", PATHS[random.nextInt(PATHS.length)]
                        .substring(1).replace('/', '.'), "key", random.nextInt(1000), "value-" + random.nextInt(100000));
            }
            return String.format(Locale.ROOT, "2026-11-%02dT%02d:%02d:%02d.%03dZ %s [worker-%02d] GET %s/%d %d %dms",
                    1 + t / 86400 % 28, t / 3600 % 24, t / 60 % 60, t % 60, random.nextInt(1000),
                    LEVELS[random.nextInt(LEVELS.length)], random.nextInt(16), PATHS[random.nextInt(PATHS.length)],
                    random.nextInt(100000), random.nextInt(10) == 0 ? 500 : 200, 1 + random.nextInt(900));
        }

        void step() {
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(lines.size());
                switch (random.nextInt(3)) {
                    case 0 -> lines.set(at, line());
                    case 1 -> lines.add(at, line());
                    default -> {
                        if (lines.size() > 13000) {
                            lines.remove(at);
                        } else {
                            lines.add(at, line());
                        }
                    }
                }
            }
        }

        byte[] bytes() {
            StringBuilder b = new StringBuilder(lines.size() * 80);
            for (String l : lines) {
                b.append(l).append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
