package io.deltachain.core;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Shared test fixtures: a fixed clock and a tiny text strategy that can compose. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456789Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /** A clock a minute further on at every reading: the n-th reading is {@code start} plus n minutes. */
    static final class Minutes extends Clock {
        private final Instant start;
        private int readings;

        Minutes(Instant start) {
            this.start = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(60L * ++readings);
        }
    }

    static DeltaRegistry registry(DeltaStrategy<?>... strategies) {
        DeltaRegistry.Builder b = DeltaRegistry.builder().discover(Fixtures.class.getClassLoader());
        for (DeltaStrategy<?> s : strategies) {
            b.strategy(s);
        }
        return b.build();
    }

    /** A test strategy on text with a given id, which may take its time to diff. */
    abstract static class TextStrategy implements DeltaStrategy<String> {
        private final String id;
        private final long diffMillis;

        TextStrategy(String id, long diffMillis) {
            this.id = id;
            this.diffMillis = diffMillis;
        }

        @Override
        public final String id() {
            return id;
        }

        @Override
        public final StateFormat<String> stateFormat() {
            return StateFormats.utf8();
        }

        /** Sleeps for the time this strategy's diffs take. */
        final void takeTime() {
            try {
                Thread.sleep(diffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stores the common prefix length and the new suffix: "keep N chars, then append S". */
    static final class SuffixStrategy extends TextStrategy {
        SuffixStrategy(String id) {
            super(id, 0);
        }

        @Override
        public byte[] diff(String base, String target) {
            int keep = 0;
            while (keep < base.length() && keep < target.length() && base.charAt(keep) == target.charAt(keep)) {
                keep++;
            }
            return (keep + ":" + target.substring(keep)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            String p = new String(payload, StandardCharsets.UTF_8);
            int colon = p.indexOf(':');
            int keep;
            try {
                keep = Integer.parseInt(p.substring(0, Math.max(colon, 0)));
            } catch (NumberFormatException e) {
                throw new io.deltachain.api.CorruptDeltaException("bad suffix payload");
            }
            if (keep < 0 || keep > base.length()) {
                throw new io.deltachain.api.CorruptDeltaException("bad keep " + keep);
            }
            return base.substring(0, keep) + p.substring(colon + 1);
        }
    }

    /** Writes {@code chain}'s versions as store format 1 laid them out, under {@code manifestJson}. */
    static void writeFormat1(java.nio.file.Path dir, DeltaChain<?> chain, String manifestJson)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("records"));
        java.nio.file.Files.createDirectories(dir.resolve("snapshots"));
        java.nio.file.Files.writeString(dir.resolve("manifest.json"), manifestJson);
        for (int i = 1; i < chain.length(); i++) {
            java.nio.file.Files.write(dir.resolve(String.format(java.util.Locale.ROOT, "records/%09d.dltr", i)),
                    chain.deltaAt(i).orElseThrow().toBytes());
        }
        for (int i : chain.store().snapshotIndices()) {
            java.nio.file.Files.write(dir.resolve(String.format(java.util.Locale.ROOT, "snapshots/%09d.dlts", i)),
                    io.deltachain.core.internal.SnapshotFrame.write(chain.store().readSnapshot(i)));
        }
    }
}
