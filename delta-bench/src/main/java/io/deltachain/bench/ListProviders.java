package io.deltachain.bench;

import io.deltachain.api.DeltaRegistry;

/** Prints what the registry finds, one {@code kind id} per line: shows that a shaded jar kept every provider. */
public final class ListProviders {
    private ListProviders() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        DeltaRegistry registry = DeltaRegistry.load();
        registry.providers().forEach(p -> System.out.println(p.kind() + " " + p.id()));
        registry.failures().forEach(f -> System.out.println("failure " + f));
    }
}
