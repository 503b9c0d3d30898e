package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainPolicy;
import io.deltachain.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The chain manifest as canonical JSON (docs/FORMAT.md, "Chain manifest"), the one codec every store
 * that keeps JSON uses. A policy is the pair {@code policy} and {@code maxChainLength} that builds
 * before the policy records wrote, so that they read every manifest written now: {@code SNAPSHOT} (keep
 * every version; its length bound is written as the old default and ignored), {@code REBASE} or
 * {@code MERGE} with their bound. Version 2 adds {@code generation} and {@code crc32c}, the CRC32C (8
 * lower-case hex digits) of the canonical JSON of every other member, so a flipped byte anywhere is found, and
 * (written by every build whose index entries carry the forced flag) {@code forcedFlag: true}: the
 * directory store's index entries of this chain say whether they were forced, so an entry without the
 * flag was not (a manifest without the member is of an older build, whose entries never carry it).
 */
public final class ManifestJson {
    private static final String KEEP_ALL = "SNAPSHOT";
    private static final String REBASE = "REBASE";
    private static final String MERGE = "MERGE";
    private static final String CRC = "crc32c";
    private static final String FORCED_FLAG = "forcedFlag";
    private static final String FIRST = "first";

    /**
     * A manifest as stored.
     *
     * @param manifest the manifest
     * @param forcedFlag whether it says the chain's index entries carry the forced flag (written by this
     *     build and every later one; false for a format 1 manifest and a format 2 one of an older build)
     */
    public record Stored(ChainManifest manifest, boolean forcedFlag) {
    }

    private ManifestJson() {
    }

    /**
     * @param m the manifest; its format version says whether generation, the forced-flag marker and CRC are
     *     written
     * @return canonical JSON bytes
     */
    public static byte[] write(ChainManifest m) {
        return write(m, true);
    }

    /**
     * @param m the manifest
     * @param forcedFlag whether to write the {@code forcedFlag} marker (format 2 only; false writes what
     *     builds before the forced flag wrote, for tests of chains they left)
     * @return canonical JSON bytes
     */
    public static byte[] write(ChainManifest m, boolean forcedFlag) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "deltachain-chain");
        json.put("formatVersion", m.formatVersion());
        json.put("strategy", m.strategyId());
        json.put("stateFormat", m.stateFormatId());
        json.put("codec", m.codecId());
        json.put("level", m.codecLevel());
        ChainPolicy policy = m.policy();
        if (policy instanceof ChainPolicy.RebaseAfter r) {
            json.put("policy", REBASE);
            json.put("maxChainLength", r.maxLength());
        } else if (policy instanceof ChainPolicy.MergeAfter g) {
            json.put("policy", MERGE);
            json.put("maxChainLength", g.maxLength());
        } else {
            json.put("policy", KEEP_ALL);
            json.put("maxChainLength", ChainPolicy.DEFAULT_MAX_CHAIN_LENGTH); // older readers require one
        }
        json.put("snapshotEvery", m.snapshotEvery());
        json.put("length", m.length());
        json.put("rebaselines", m.rebaselines());
        json.put("optimisations", m.optimisations());
        if (m.first() > 0) {
            json.put(FIRST, m.first()); // version 5 only: older builds refuse it rather than read version 0
        }
        if (m.formatVersion() >= 2) {
            json.put("generation", m.generation());
            if (forcedFlag) {
                json.put(FORCED_FLAG, true);
            }
            json.put(CRC, crcOf(json));
        }
        return CanonicalJson.write(json);
    }

    private static String crcOf(Map<String, Object> json) {
        Map<String, Object> rest = new LinkedHashMap<>(json);
        rest.remove(CRC);
        byte[] bytes = CanonicalJson.write(rest);
        return String.format(Locale.ROOT, "%08x", Crc32c.of(bytes, 0, bytes.length));
    }

    /**
     * @param bytes the stored manifest, possibly damaged
     * @param where the file or row, for messages
     * @param limits bounds for the JSON reader
     * @return the manifest (generation 0 for version 1)
     * @throws CorruptDeltaException when it is damaged or of a version this build does not read
     */
    public static ChainManifest read(byte[] bytes, String where, Limits limits) {
        return readStored(bytes, where, limits).manifest();
    }

    /**
     * @param bytes the stored manifest, possibly damaged
     * @param where the file or row, for messages
     * @param limits bounds for the JSON reader
     * @return the manifest and whether it carries the forced-flag marker
     * @throws CorruptDeltaException when it is damaged or of a version this build does not read
     */
    public static Stored readStored(byte[] bytes, String where, Limits limits) {
        Map<String, Object> json;
        try {
            json = CanonicalJson.parseObject(bytes, limits);
        } catch (DeltaException e) {
            // Our words, never the parser's: its text names internals, not the file's problem.
            throw new CorruptDeltaException(where + " is damaged (" + damage(bytes)
                    + "): it is not a readable chain manifest", e);
        }
        try {
            if (!"deltachain-chain".equals(json.get("format"))) {
                throw new CorruptDeltaException(where + " is not a Deltachain chain manifest");
            }
            long version = number(json, "formatVersion", where);
            if (version < 1 || version > ChainManifest.CURRENT_VERSION) {
                throw new CorruptDeltaException(where + ": chain format version " + version
                        + " is not supported (this build reads 1 to " + ChainManifest.CURRENT_VERSION + ")");
            }
            long generation = 0;
            boolean forcedFlag = false;
            if (version >= 2) {
                String stored = text(json, CRC, where);
                String computed = crcOf(json);
                if (!stored.equals(computed)) {
                    throw new CorruptDeltaException(where + " is damaged: its CRC32C is " + computed + ", the manifest says "
                            + stored);
                }
                generation = number(json, "generation", where);
                Object flag = json.get(FORCED_FLAG);
                if (flag != null && !Boolean.TRUE.equals(flag)) {
                    throw new CorruptDeltaException(where + ": manifest member '" + FORCED_FLAG + "' must be true when"
                            + " present, not " + flag);
                }
                forcedFlag = flag != null;
            }
            int first = 0;
            if (json.containsKey(FIRST)) {
                first = Math.toIntExact(number(json, FIRST, where));
                int length = Math.toIntExact(number(json, "length", where));
                if (version < 5 || first < 1 || first >= length) {
                    throw new CorruptDeltaException(where + ": manifest member '" + FIRST + "' (" + first + ") must be"
                            + " from 1 to length - 1 (" + (length - 1) + ") in a manifest of version 5, not " + version);
                }
            } else if (version == 5) {
                throw new CorruptDeltaException(where + ": a manifest of version 5 names its first version (member '"
                        + FIRST + "'), and this one does not");
            }
            return new Stored(new ChainManifest((int) version, text(json, "strategy", where), text(json, "stateFormat", where),
                    text(json, "codec", where), Math.toIntExact(number(json, "level", where)), policy(json, where),
                    Math.toIntExact(number(json, "snapshotEvery", where)),
                    Math.toIntExact(number(json, "length", where)), number(json, "rebaselines", where),
                    number(json, "optimisations", where), generation, first), forcedFlag);
        } catch (CorruptDeltaException e) {
            throw e;
        } catch (DeltaException | ArithmeticException e) {
            throw new CorruptDeltaException(where + ": malformed manifest: " + e.getMessage(), e);
        }
    }

    private static String damage(byte[] bytes) {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first == bytes.length) {
            return "empty";
        }
        return bytes[first] == '{' ? "cut short or garbled JSON" : "not JSON";
    }

    private static ChainPolicy policy(Map<String, Object> json, String where) {
        String name = text(json, "policy", where);
        if (name.equals(KEEP_ALL)) {
            return ChainPolicy.keepAll();
        }
        if (!name.equals(REBASE) && !name.equals(MERGE)) {
            throw new CorruptDeltaException(where + ": unknown policy '" + name + "' (this build reads " + KEEP_ALL
                    + ", " + REBASE + " and " + MERGE + "); upgrade Deltachain to read it");
        }
        int maxLength = Math.toIntExact(number(json, "maxChainLength", where));
        try {
            return name.equals(REBASE) ? ChainPolicy.rebaseAfter(maxLength) : ChainPolicy.mergeAfter(maxLength);
        } catch (DeltaConfigurationException e) {
            throw new CorruptDeltaException(where + ": manifest member 'maxChainLength' of policy " + name
                    + " is out of range: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, Object> json, String name, String where) {
        if (json.get(name) instanceof String s) {
            return s;
        }
        throw new CorruptDeltaException(where + ": manifest member '" + name + "' must be a string");
    }

    private static long number(Map<String, Object> json, String name, String where) {
        Object v = json.get(name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new CorruptDeltaException(where + ": manifest member '" + name + "' must be an integer");
    }
}
