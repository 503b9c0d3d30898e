package io.deltachain.tests.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.deltachain.tests.arch.Layout.andBelow;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md's architecture rules, each a function of a {@link Layout} so that {@link ArchitectureTest}
 * checks the real packages and {@link ArchitectureRulesBiteTest} proves every rule fails on a fixture
 * that breaks it.
 */
final class DeltachainRules {
    /** The service interfaces whose providers {@code DeltaRegistry} builds with {@code ServiceLoader}. */
    static final List<String> SERVICES = List.of(
            "io.deltachain.spi.DeltaStrategy", "io.deltachain.spi.Codec", "io.deltachain.spi.StateFormat");

    private DeltachainRules() {
    }

    /** delta-api imports nothing outside the JDK. */
    static ArchRule apiDependsOnTheJdkOnly(Layout layout) {
        return classes().that().resideInAnyPackage(andBelow(layout.api()), andBelow(layout.spi()))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", andBelow(layout.api()),
                        andBelow(layout.spi()))
                .because("delta-api imports nothing outside the JDK (DESIGN.md)");
    }

    /**
     * Strategies and codecs use delta-api, delta-json, Jackson and the libraries DESIGN.md assigns them only; dependencies among plug-ins are
     * the business of {@link #strategiesDoNotDependOnEachOther}, {@link #codecsDoNotDependOnEachOther}
     * and {@link #strategiesAndCodecsDoNotDependOnEachOther}.
     */
    static ArchRule strategiesAndCodecsDependOnApiAndJsonOnly(Layout layout) {
        return classes().that().resideInAnyPackage(andBelow(layout.strategies()), andBelow(layout.codecs()))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", andBelow(layout.api()),
                        andBelow(layout.spi()), andBelow(layout.json()), "com.fasterxml.jackson..", andBelow(layout.strategies()),
                        andBelow(layout.codecs()),
                        // the third-party libraries DESIGN.md names for plug-ins: bzip2 for bsdiff, diff-utils for text,
                        // zstd-jni for the zstd codec and zstd-patch
                        "org.apache.commons.compress..", "com.github.difflib..", "com.github.luben.zstd..")
                .because("strategies and codecs depend on delta-api (and delta-json where they handle JSON) only,"
                        + " never on delta-core (DESIGN.md)");
    }

    /** Every {@code <root>.strategy.<name>} package is its own plug-in: none uses another. */
    static ArchRule strategiesDoNotDependOnEachOther(Layout layout) {
        return slices().matching(layout.strategies() + ".(*)..").should().notDependOnEachOther()
                .because("strategy modules never depend on each other (DESIGN.md)");
    }

    /** Every {@code <root>.codec.<name>} package is its own plug-in: none uses another. */
    static ArchRule codecsDoNotDependOnEachOther(Layout layout) {
        return slices().matching(layout.codecs() + ".(*)..").should().notDependOnEachOther()
                .because("codec modules never depend on each other (DESIGN.md)");
    }

    /** No strategy uses a codec and no codec uses a strategy: the record's codec is the core's business. */
    static ArchRule strategiesAndCodecsDoNotDependOnEachOther(Layout layout) {
        return CompositeArchRule
                .of(noClasses().that().resideInAPackage(andBelow(layout.strategies()))
                        .should().dependOnClassesThat().resideInAPackage(andBelow(layout.codecs())))
                .and(noClasses().that().resideInAPackage(andBelow(layout.codecs()))
                        .should().dependOnClassesThat().resideInAPackage(andBelow(layout.strategies())))
                .because("a strategy and a codec are separate plug-ins (DESIGN.md)");
    }

    /** delta-core reaches strategies and codecs through the registry, and never names a store adapter. */
    static ArchRule coreNeverNamesAConcreteStrategyOrCodec(Layout layout) {
        return noClasses().that().resideInAPackage(andBelow(layout.core()))
                .should().dependOnClassesThat().resideInAnyPackage(andBelow(layout.strategies()),
                        andBelow(layout.codecs()), andBelow(layout.stores()))
                .because("delta-core never names a concrete strategy, codec or store adapter: it reaches plug-ins"
                        + " through DeltaRegistry (DESIGN.md)");
    }

    /** delta-json sits below core and beside the plug-ins. */
    static ArchRule jsonDoesNotDependOnCore(Layout layout) {
        return noClasses().that().resideInAPackage(andBelow(layout.json()))
                .should().dependOnClassesThat().resideInAnyPackage(andBelow(layout.core()),
                        andBelow(layout.strategies()), andBelow(layout.codecs()), andBelow(layout.stores()))
                .because("delta-json depends on delta-api and Jackson only (DESIGN.md)");
    }

    /** The contract kit is for strategy authors: delta-api and JUnit, nothing else. */
    static ArchRule testkitDependsOnApiAndJunitOnly(Layout layout) {
        return classes().that().resideInAPackage(andBelow(layout.testkit()))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", andBelow(layout.api()),
                        andBelow(layout.spi()), andBelow(layout.testkit()), "org.junit..", "org.opentest4j..", "org.apiguardian..")
                .because("delta-testkit depends on delta-api and JUnit only (DESIGN.md)");
    }

    /**
     * No cycles between packages under {@code layout.root()}, each {@code ...internal} package (and
     * anything below it) counted as part of its parent.
     */
    static ArchRule noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(Layout layout) {
        return slices().assignedFrom(internalFoldedIntoItsParent(layout)).should().beFreeOfCycles()
                .because("packages form no cycles, an ...internal package being part of its parent (DESIGN.md)");
    }

    /**
     * Assigns every class under {@code layout.root()} to the slice of its module ({@link #moduleOf}):
     * {@code x.core.internal.wire} is in slice {@code x.core}; {@code x.spi} is in slice {@code x.api}
     * (together they are delta-api). Classes outside the root belong to no slice.
     */
    static SliceAssignment internalFoldedIntoItsParent(Layout layout) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return underRoot(layout, pkg) ? SliceIdentifier.of(moduleOf(layout, pkg)) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages under " + layout.root() + " with each ...internal package folded into its parent";
            }
        };
    }

    /** @return {@code pkg} without its first {@code internal} segment and what follows it */
    static String foldInternal(String pkg) {
        int at = (pkg + ".").indexOf(".internal.");
        return at < 0 ? pkg : pkg.substring(0, at);
    }

    /**
     * @return the package that stands for {@code pkg}'s module: {@code pkg} with its {@code ...internal}
     *     part folded away, and delta-api's provider package counted as its user package (they refer to
     *     each other by design, as {@code org.slf4j} and {@code org.slf4j.spi} do)
     */
    static String moduleOf(Layout layout, String pkg) {
        String folded = foldInternal(pkg);
        return folded.equals(layout.spi()) ? layout.api() : folded;
    }

    private static boolean isInternal(String pkg) {
        return !foldInternal(pkg).equals(pkg);
    }

    private static boolean underRoot(Layout layout, String pkg) {
        return pkg.equals(layout.root()) || pkg.startsWith(layout.root() + ".");
    }

    /**
     * Nothing outside a module uses its {@code ...internal} packages: a class under {@code X.internal} is
     * used only by classes whose {@link #moduleOf module} is X's.
     */
    static ArchRule nothingOutsideAModuleUsesItsInternalPackages(Layout layout) {
        return classes().should(new ArchCondition<JavaClass>("use only the ...internal classes of their own module") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String own = moduleOf(layout, origin.getPackageName());
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            String target = d.getTargetClass().getPackageName();
                            if (underRoot(layout, target) && isInternal(target) && !moduleOf(layout, target).equals(own)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": "
                                        + d.getTargetClass().getName() + " is internal to " + moduleOf(layout, target)));
                            }
                        }
                    }
                })
                .because("nothing outside a module uses its internal packages (DESIGN.md)");
    }

    /**
     * The user package ({@code io.deltachain.api} and below, but not its {@code internal}) never names a
     * strategy, codec or store adapter: users reach providers through the registry. (Implied today by
     * {@link #apiDependsOnTheJdkOnly}; stated on its own so that it holds if that rule is ever relaxed.)
     */
    static ArchRule userPackageNamesNoProviderImplementation(Layout layout) {
        return noClasses().that().resideInAPackage(andBelow(layout.api()))
                .and().resideOutsideOfPackage(andBelow(layout.api() + ".internal"))
                .should().dependOnClassesThat().resideInAnyPackage(andBelow(layout.strategies()),
                        andBelow(layout.codecs()), andBelow(layout.stores()))
                .because("the user package never imports provider implementation packages (DESIGN.md)");
    }

    /**
     * No public signature exposes an {@code ...internal} type: a public class (public out to its top-level
     * class) in a package that is not internal neither extends nor implements one, and none of its public or
     * protected fields, constructors and methods names one as field type, parameter, return type, thrown
     * exception or type-parameter bound (generic arguments included). Synthetic members (bridges) are the
     * compiler's and are left out.
     */
    static ArchRule publicSignaturesExposeNoInternalType(Layout layout) {
        DescribedPredicate<JavaClass> exported = DescribedPredicate.describe(
                "are public API (public, outside ...internal)", c -> isPublicAllTheWayOut(c) && !isInternal(c.getPackageName()));
        return classes().that().resideInAPackage(andBelow(layout.root())).and(exported)
                .should(new ArchCondition<JavaClass>("expose no ...internal type in a public signature") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        Signatures signatures = new Signatures(layout, events);
                        c.getTypeParameters().forEach(p -> p.getUpperBounds()
                                .forEach(b -> signatures.check(c, "has a type parameter bounded by", b)));
                        c.getSuperclass().ifPresent(t -> signatures.check(c, "extends", t));
                        c.getInterfaces().forEach(t -> signatures.check(c, "implements", t));
                        for (JavaField f : c.getFields()) {
                            if (isApi(f)) {
                                signatures.check(f, "has type", f.getType());
                            }
                        }
                        for (JavaCodeUnit u : c.getCodeUnits()) {
                            if (!isApi(u)) {
                                continue;
                            }
                            // Bounds first: a type variable's bound is also involved wherever the variable is used.
                            u.getTypeParameters().forEach(p -> p.getUpperBounds()
                                    .forEach(b -> signatures.check(u, "has a type parameter bounded by", b)));
                            if (u instanceof JavaMethod) {
                                signatures.check(u, "returns", u.getReturnType());
                            }
                            u.getParameterTypes().forEach(t -> signatures.check(u, "takes", t));
                            u.getThrowsClause().getTypes().forEach(t -> signatures.check(u, "throws", t));
                        }
                    }
                })
                .allowEmptyShould(true)
                .because("implementation detail lives under ...internal and never appears in the API (DESIGN.md)");
    }

    private static boolean isPublicAllTheWayOut(JavaClass c) {
        return c.getModifiers().contains(JavaModifier.PUBLIC)
                && c.getEnclosingClass().map(DeltachainRules::isPublicAllTheWayOut).orElse(true);
    }

    private static boolean isApi(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
    }

    /**
     * Reports every {@code ...internal} class under the layout's root that a signature names, once per
     * member (or class) and internal class.
     */
    private static final class Signatures {
        private final Layout layout;
        private final ConditionEvents events;
        private final Set<String> reported = new HashSet<>();

        Signatures(Layout layout, ConditionEvents events) {
            this.layout = layout;
            this.events = events;
        }

        void check(HasDescription where, String how, JavaType type) {
            for (JavaClass raw : type.getAllInvolvedRawTypes()) {
                String pkg = raw.getPackageName();
                if (underRoot(layout, pkg) && isInternal(pkg) && reported.add(where.getDescription() + " " + raw.getName())) {
                    events.add(SimpleConditionEvent.violated(where, where.getDescription() + " " + how + " "
                            + type.getName() + ", naming " + raw.getName() + " of an ...internal package"));
                }
            }
        }
    }

    /** Names say what things are: an {@code ...Impl} is implementation detail and lives in {@code ...internal}. */
    static ArchRule noClassOutsideAnInternalPackageIsNamedImpl(Layout layout) {
        return noClasses().that().resideInAPackage(andBelow(layout.root()))
                .and().resideOutsideOfPackage("..internal..")
                .should().haveSimpleNameEndingWith("Impl")
                .allowEmptyShould(true)
                .because("names say what things are; implementation detail lives under ...internal (STYLE.md)");
    }

    /**
     * Every class named in a {@code META-INF/services} file of one of our SPIs is a public, concrete,
     * top-level (or static nested) class with a public no-argument constructor, which
     * {@code ServiceLoader} on the class path needs.
     *
     * @param providerClassNames the names listed in services files ({@link #listedProviders})
     */
    static ArchRule publicProvidersHaveAPublicNoArgConstructor(Set<String> providerClassNames) {
        DescribedPredicate<JavaClass> listed = DescribedPredicate.describe("are listed in a META-INF/services file",
                c -> providerClassNames.contains(c.getName()));
        return classes().that(listed).should(new ArchCondition<JavaClass>(
                        "be public, concrete and have a public no-argument constructor") {
                    @Override
                    public void check(JavaClass provider, ConditionEvents events) {
                        if (!provider.getModifiers().contains(JavaModifier.PUBLIC)) {
                            events.add(SimpleConditionEvent.violated(provider, provider.getName() + " is not public"));
                        }
                        if (provider.getModifiers().contains(JavaModifier.ABSTRACT) || provider.isInterface()) {
                            events.add(SimpleConditionEvent.violated(provider, provider.getName() + " is abstract"));
                        }
                        if (provider.isNestedClass() && !provider.getModifiers().contains(JavaModifier.STATIC)) {
                            events.add(SimpleConditionEvent.violated(provider, provider.getName()
                                    + " is an inner class; ServiceLoader cannot build it"));
                        }
                        boolean noArg = provider.getConstructors().stream().anyMatch(
                                (JavaConstructor c) -> c.getRawParameterTypes().isEmpty()
                                        && c.getModifiers().contains(JavaModifier.PUBLIC));
                        if (!noArg) {
                            events.add(SimpleConditionEvent.violated(provider, provider.getName()
                                    + " has no public no-argument constructor"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .because("ServiceLoader on the class path builds providers with their public no-argument constructor"
                        + " (DESIGN.md)");
    }

    /**
     * @param loader where to read {@code META-INF/services} files
     * @return every class name listed for one of {@link #SERVICES}, comments and blanks left out
     */
    static Set<String> listedProviders(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            try {
                Enumeration<URL> files = loader.getResources("META-INF/services/" + service);
                while (files.hasMoreElements()) {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(
                            files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                        in.lines().map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty())
                                .forEach(names::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** Leaves out everything in {@code io.deltachain.tests}: these tests and their bad fixtures. */
    static final class ExcludeDeltaTests implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/deltachain/tests/");
        }
    }
}
