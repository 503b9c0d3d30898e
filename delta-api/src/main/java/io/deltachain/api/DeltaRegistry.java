package io.deltachain.api;

import io.deltachain.api.ProviderInfo.Origin;
import io.deltachain.api.internal.ArtifactCatalog;
import io.deltachain.api.internal.ByteStrategyAdapter;
import io.deltachain.api.internal.BytesFormat;
import io.deltachain.api.internal.IdentityCodec;
import io.deltachain.api.internal.Utf8TextFormat;
import io.deltachain.api.internal.ViewStrategyAdapter;
import io.deltachain.spi.Codec;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.spi.StateFormatView;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The strategies, codecs and state formats available to Deltachain, by id.
 *
 * <p>{@link #load()} discovers providers with {@link ServiceLoader} (the only place Deltachain
 * calls it), one at a time: a provider that fails to load is recorded in {@link #failures()} and
 * never hides the others. Looking up a missing id throws an {@link UnknownProviderException}
 * subtype naming the ids available, the artifact that provides the missing one and any load
 * failure. When two discovered providers claim one id, looking it up throws
 * {@link DuplicateProviderException} naming both; nothing is picked silently. Providers handed to
 * {@link #builder()} replace discovered ones of the same id.
 *
 * <p>Always present: the {@code identity} codec and the {@code bytes} and {@code utf8-text} state
 * formats. A registry is immutable and thread-safe; load it once and share it.
 */
public final class DeltaRegistry {
    private static final int MAX_FAILURES = 1_000;

    private final Table<DeltaStrategy<?>> strategies;
    private final Table<Codec> codecs;
    private final Table<StateFormat<?>> formats;
    private final List<ProviderFailure> failures;

    private DeltaRegistry(Builder builder) {
        this.failures = List.copyOf(builder.failures);
        ArtifactCatalog catalog = builder.catalog;
        this.strategies = new Table<>("strategy", builder.strategies, id -> catalog.artifact("strategy", id), failures);
        this.codecs = new Table<>("codec", builder.codecs, id -> catalog.artifact("codec", id), failures);
        this.formats = new Table<>("state format", builder.formats, id -> catalog.artifact("state-format", id),
                failures);
    }

    /**
     * Discovers providers with the thread's context class loader (or this class's loader when the
     * thread has none).
     *
     * @return an immutable registry
     */
    public static DeltaRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : DeltaRegistry.class.getClassLoader());
    }

    /**
     * @param loader where to look for {@code META-INF/services} files
     * @return an immutable registry of everything found there, plus the built-ins
     */
    public static DeltaRegistry load(ClassLoader loader) {
        return builder().discover(loader).build();
    }

    /** @return a builder holding only the built-ins; add discovery with {@link Builder#discover} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param id a strategy id such as {@code "dict"}
     * @return the strategy, on its own state format
     * @throws UnknownStrategyException when no provider has that id
     * @throws DuplicateProviderException when two discovered providers have it
     */
    public DeltaStrategy<?> strategy(String id) {
        return strategies.get(id, UnknownStrategyException::new);
    }

    /**
     * Looks a strategy up for a given state format. A strategy on {@code bytes} serves every format
     * through its canonical bytes ({@link DeltaStrategy#overBytes}); a strategy on the format a
     * {@link StateFormatView} is a view of serves the view ({@code json-patch}, on {@code json-node},
     * serves {@code json-map}); any other must match exactly or serve the format itself
     * ({@link DeltaStrategy#on}).
     *
     * @param id a strategy id
     * @param format the state format the caller works with
     * @param <S> the state type
     * @return a strategy on {@code format}
     * @throws IncompatibleStateFormatException when the strategy cannot serve {@code format}
     */
    public <S> DeltaStrategy<S> strategy(String id, StateFormat<S> format) {
        return bind(strategy(id), format);
    }

    /**
     * @param format a state format
     * @param <S> the state type
     * @return every strategy that can serve {@code format} (exactly, on bytes through the format's
     *     canonical bytes, or on the format it is a {@linkplain StateFormatView view} of), sorted by id; ids held by two discovered providers are left out
     */
    public <S> List<DeltaStrategy<S>> strategiesFor(StateFormat<S> format) {
        List<DeltaStrategy<S>> result = new ArrayList<>();
        for (String id : strategies.ids()) {
            Optional<DeltaStrategy<?>> s = strategies.unique(id);
            if (s.isPresent() && serves(s.get(), format)) {
                result.add(bind(s.get(), format));
            }
        }
        return List.copyOf(result);
    }

    /**
     * @param id a codec id such as {@code "gzip"}
     * @return the codec
     * @throws UnknownCodecException when no provider has that id
     */
    public Codec codec(String id) {
        return codecs.get(id, UnknownCodecException::new);
    }

    /**
     * @param id a state format id such as {@code "json-map"}
     * @return the format
     * @throws UnknownStateFormatException when no provider has that id
     */
    public StateFormat<?> stateFormat(String id) {
        return formats.get(id, UnknownStateFormatException::new);
    }

    /** @return the ids of every strategy, sorted */
    public SortedSet<String> strategyIds() {
        return strategies.ids();
    }

    /** @return the ids of every codec, sorted */
    public SortedSet<String> codecIds() {
        return codecs.ids();
    }

    /** @return the ids of every state format, sorted */
    public SortedSet<String> stateFormatIds() {
        return formats.ids();
    }

    /** @return the providers that failed to load, in the order they failed */
    public List<ProviderFailure> failures() {
        return failures;
    }

    /** @return every provider, strategies then codecs then state formats, each sorted by id */
    public List<ProviderInfo> providers() {
        List<ProviderInfo> all = new ArrayList<>();
        strategies.each((p) -> all.add(p.info("strategy", Optional.of(p.instance.stateFormat().id()),
                p.instance.nativeFormat().map(NativeFormat::name))));
        codecs.each((p) -> all.add(p.info("codec", Optional.empty(), Optional.empty())));
        formats.each((p) -> all.add(p.info("state-format", Optional.empty(), Optional.empty())));
        return List.copyOf(all);
    }

    /**
     * @return a readable account of every provider, where it came from, which ids are duplicated,
     *     which explicit registrations replaced discovered ones, and every load failure
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        strategies.describe(out);
        codecs.describe(out);
        formats.describe(out);
        for (ProviderFailure failure : failures) {
            out.append("failed: ").append(failure).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "DeltaRegistry[strategies=" + strategyIds() + ", codecs=" + codecIds() + ", stateFormats="
                + stateFormatIds() + (failures.isEmpty() ? "" : ", failures=" + failures.size()) + "]";
    }

    private static boolean serves(DeltaStrategy<?> strategy, StateFormat<?> format) {
        String own = strategy.stateFormat().id();
        return own.equals(format.id()) || own.equals(StateFormats.BYTES_ID) || strategy.on(format).isPresent()
                || isViewOf(format, own);
    }

    private static boolean isViewOf(StateFormat<?> format, String formatId) {
        return format instanceof StateFormatView<?, ?> view && view.viewFormat().id().equals(formatId);
    }

    @SuppressWarnings("unchecked")
    private static <S> DeltaStrategy<S> bind(DeltaStrategy<?> strategy, StateFormat<S> format) {
        String own = strategy.stateFormat().id();
        if (own.equals(format.id())) {
            return (DeltaStrategy<S>) strategy;
        }
        if (own.equals(StateFormats.BYTES_ID)) {
            return ByteStrategyAdapter.adapt((DeltaStrategy<byte[]>) strategy, format);
        }
        Optional<DeltaStrategy<S>> direct = strategy.on(format);
        if (direct.isPresent()) {
            return direct.get();
        }
        if (isViewOf(format, own)) {
            return ViewStrategyAdapter.adapt(strategy, (StateFormatView<S, ?>) format);
        }
        throw new IncompatibleStateFormatException("strategy '" + strategy.id() + "' works on " + own + ", not "
                + format.id() + "; pick a strategy for " + format.id() + " or a strategy on bytes");
    }

    /** Collects providers; {@link #build()} makes an immutable registry. Not thread-safe. */
    public static final class Builder {
        private final List<Provided<DeltaStrategy<?>>> strategies = new ArrayList<>();
        private final List<Provided<Codec>> codecs = new ArrayList<>();
        private final List<Provided<StateFormat<?>>> formats = new ArrayList<>();
        private final List<ProviderFailure> failures = new ArrayList<>();
        private ArtifactCatalog catalog = ArtifactCatalog.read(DeltaRegistry.class.getClassLoader());

        private Builder() {
            codecs.add(Provided.of(IdentityCodec.INSTANCE, Origin.BUILT_IN));
            formats.add(Provided.of(BytesFormat.INSTANCE, Origin.BUILT_IN));
            formats.add(Provided.of(Utf8TextFormat.INSTANCE, Origin.BUILT_IN));
        }

        /**
         * Adds everything {@link ServiceLoader} finds through {@code loader}.
         *
         * @param loader the class loader to search
         * @return this builder
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Builder discover(ClassLoader loader) {
            Objects.requireNonNull(loader, "loader");
            discover(DeltaStrategy.class, loader, (List) strategies);
            discover(Codec.class, loader, codecs);
            discover(StateFormat.class, loader, (List) formats);
            catalog = catalog.plus(ArtifactCatalog.read(loader));
            return this;
        }

        /**
         * Registers a strategy; it replaces a discovered strategy of the same id.
         *
         * @param strategy the instance to use
         * @return this builder
         */
        public Builder strategy(DeltaStrategy<?> strategy) {
            strategies.add(Provided.of(strategy, Origin.EXPLICIT));
            return this;
        }

        /**
         * Registers a codec; it replaces a discovered codec of the same id.
         *
         * @param codec the instance to use
         * @return this builder
         */
        public Builder codec(Codec codec) {
            codecs.add(Provided.of(codec, Origin.EXPLICIT));
            return this;
        }

        /**
         * Registers a state format; it replaces a discovered one of the same id.
         *
         * @param format the instance to use
         * @return this builder
         */
        public Builder stateFormat(StateFormat<?> format) {
            formats.add(Provided.of(format, Origin.EXPLICIT));
            return this;
        }

        /**
         * @return the registry
         * @throws DuplicateProviderException when two explicit registrations share an id
         */
        public DeltaRegistry build() {
            return new DeltaRegistry(this);
        }

        private <T> void discover(Class<T> service, ClassLoader loader, List<Provided<T>> into) {
            Iterator<T> it = ServiceLoader.load(service, loader).iterator();
            int failed = 0;
            while (failed < MAX_FAILURES) {
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    T instance = it.next();
                    Provided<T> provided = Provided.of(instance, Origin.DISCOVERED);
                    try {
                        provided.check();
                    } catch (RuntimeException | LinkageError e) {
                        failed++;
                        failures.add(new ProviderFailure(service.getSimpleName(), instance.getClass().getName() + " from "
                                + provided.location + " is broken: " + describeFailure(e), e));
                        continue;
                    }
                    if (into.stream().noneMatch(p -> p.instance.getClass() == instance.getClass())) {
                        into.add(provided);
                    }
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failed++;
                    failures.add(new ProviderFailure(service.getSimpleName(), describeFailure(e), e));
                }
            }
        }

        private static String describeFailure(Throwable e) {
            StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                message.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ")
                        .append(cause.getMessage()).append(')');
            }
            return message.toString();
        }
    }

    /** A provider instance with where it came from. */
    private record Provided<T>(T instance, Origin origin, String location) {
        static <T> Provided<T> of(T instance, Origin origin) {
            Objects.requireNonNull(instance, "provider");
            return new Provided<>(instance, origin, origin == Origin.BUILT_IN ? "built-in" : locate(instance.getClass()));
        }

        /** Calls what the registry will call later, so that a broken provider fails now, alone. */
        void check() {
            String id = Objects.requireNonNull(id(), "id() returned null");
            if (instance instanceof DeltaStrategy<?> s) {
                Objects.requireNonNull(s.stateFormat(), "stateFormat() returned null").id();
                Objects.requireNonNull(s.nativeFormat(), "nativeFormat() returned null").map(NativeFormat::name);
            } else if (instance instanceof Codec c) {
                c.checkLevel(c.defaultLevel());
            }
            if (id.isEmpty()) {
                throw new IllegalStateException("id() returned an empty string");
            }
        }

        String id() {
            if (instance instanceof DeltaStrategy<?> s) {
                return s.id();
            }
            if (instance instanceof Codec c) {
                return c.id();
            }
            return ((StateFormat<?>) instance).id();
        }

        String className() {
            return instance.getClass().getName();
        }

        ProviderInfo info(String kind, Optional<String> stateFormat, Optional<String> nativeFormat) {
            return new ProviderInfo(kind, id(), className(), location, origin, stateFormat, nativeFormat);
        }

        private static String locate(Class<?> type) {
            try {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return "unknown location";
                }
                String path = source.getLocation().getPath();
                String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                if (trimmed.endsWith("/target/classes") || trimmed.endsWith("/target/test-classes")) {
                    return trimmed; // a module's build output: the whole path says which module
                }
                return trimmed.substring(trimmed.lastIndexOf('/') + 1);
            } catch (SecurityException e) {
                return "unknown location";
            }
        }
    }

    /** Makes the exception for an id that no provider has. */
    @FunctionalInterface
    private interface Unknown {
        UnknownProviderException of(String id, Collection<String> available, Optional<String> artifact,
                                    List<ProviderFailure> failures);
    }

    /** Providers of one SPI by id, with the rules for explicit, duplicate and missing ids. */
    private static final class Table<T> {
        private final String kind;
        private final Map<String, List<Provided<T>>> byId = new TreeMap<>();
        private final Map<String, List<String>> replaced = new TreeMap<>();
        private final Function<String, Optional<String>> artifacts;
        private final List<ProviderFailure> failures;

        Table(String kind, List<Provided<T>> providers, Function<String, Optional<String>> artifacts,
              List<ProviderFailure> failures) {
            this.kind = kind;
            this.artifacts = artifacts;
            this.failures = failures;
            for (Provided<T> p : providers) {
                byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
            }
            byId.forEach((id, list) -> {
                long explicit = list.stream().filter(p -> p.origin == Origin.EXPLICIT).count();
                if (explicit > 1) {
                    throw new DuplicateProviderException("two " + kind + "s with id '" + id
                            + "' were registered explicitly: " + names(list) + "; register one");
                }
                if (explicit == 1) {
                    List<String> gone = new ArrayList<>();
                    list.stream().filter(p -> p.origin != Origin.EXPLICIT)
                            .forEach(p -> gone.add(p.className() + " (" + p.location + ")"));
                    if (!gone.isEmpty()) {
                        replaced.put(id, List.copyOf(gone));
                    }
                    list.removeIf(p -> p.origin != Origin.EXPLICIT);
                } else if (list.size() > 1) {
                    list.removeIf(p -> p.origin == Origin.BUILT_IN);
                }
            });
            byId.replaceAll((id, list) -> List.copyOf(list));
        }

        SortedSet<String> ids() {
            return Collections.unmodifiableSortedSet(new TreeSet<>(byId.keySet()));
        }

        Optional<T> unique(String id) {
            List<Provided<T>> list = byId.get(id);
            return list != null && list.size() == 1 ? Optional.of(list.get(0).instance) : Optional.empty();
        }

        T get(String id, Unknown unknown) {
            List<Provided<T>> list = byId.get(id);
            if (list == null) {
                throw unknown.of(id, byId.keySet(), artifacts.apply(id), failures);
            }
            if (list.size() > 1) {
                throw new DuplicateProviderException("two " + kind + " providers claim id '" + id + "': "
                        + names(list) + ". Remove one jar from the class path, or register the one you want"
                        + " with DeltaRegistry.builder()");
            }
            return list.get(0).instance;
        }

        void each(java.util.function.Consumer<Provided<T>> action) {
            byId.values().forEach(list -> list.forEach(action));
        }

        void describe(StringBuilder out) {
            byId.forEach((id, list) -> {
                for (Provided<T> p : list) {
                    out.append(kind).append(' ').append(id).append(": ").append(p.className()).append(" from ")
                            .append(p.location).append(" (").append(p.origin.name().toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-'));
                    List<String> replaced = this.replaced.getOrDefault(id, List.of());
                    if (p.origin == Origin.EXPLICIT && !replaced.isEmpty()) {
                        out.append(", replaces discovered ").append(String.join(", ", replaced));
                    }
                    out.append(")");
                    if (list.size() > 1) {
                        out.append(" DUPLICATE: lookups of '").append(id).append("' fail");
                    }
                    out.append('\n');
                }
            });
        }

        private static <T> String names(List<Provided<T>> list) {
            StringBuilder names = new StringBuilder();
            for (Provided<T> p : list) {
                names.append(names.length() == 0 ? "" : " and ").append(p.className()).append(" (").append(p.location)
                        .append(')');
            }
            return names.toString();
        }
    }
}
