package io.deltachain.tests.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.deltachain.tests.arch.Layout.andBelow;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
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
                        // the third-party libraries DESIGN.md names for plug-ins: bzip2 for bsdiff, diff-utils for text
                        "org.apache.commons.compress..", "com.github.difflib..")
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
        return slices().assignedFrom(internalFoldedIntoItsParent(layout.root())).should().beFreeOfCycles()
                .because("packages form no cycles, an ...internal package being part of its parent (DESIGN.md)");
    }

    /**
     * Assigns every class under {@code root} to the slice named by its package with the first
     * {@code .internal} segment and everything after it removed: {@code x.core.internal.wire} is in
     * slice {@code x.core}; {@code x.spi} is in slice {@code x.api} (together they are delta-api).
     * Classes outside {@code root} belong to no slice.
     */
    static SliceAssignment internalFoldedIntoItsParent(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (!pkg.equals(root) && !pkg.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String slice = foldInternal(pkg);
                // delta-api's two packages refer to each other by design (as org.slf4j and org.slf4j.spi do)
                return SliceIdentifier.of(slice.equals(root + ".spi") ? root + ".api" : slice);
            }

            @Override
            public String getDescription() {
                return "packages under " + root + " with each ...internal package folded into its parent";
            }
        };
    }

    /** @return {@code pkg} without its first {@code internal} segment and what follows it */
    static String foldInternal(String pkg) {
        int at = (pkg + ".").indexOf(".internal.");
        return at < 0 ? pkg : pkg.substring(0, at);
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
