package io.deltachain.cli;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.ProviderFailure;
import io.deltachain.api.ProviderInfo;
import io.deltachain.core.Deltas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists every strategy and codec found, with the jar that provides it. */
@Command(name = "strategies", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"List every strategy and codec found: id, kind, state type, native format, providing jar.",
                "--json prints {\"providers\": [{\"id\", \"kind\", \"stateFormat\", \"nativeFormat\", \"providedBy\"}],"
                        + " \"failures\": [text]}; stateFormat and nativeFormat are null where they do not apply."})
final class StrategiesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        DeltaRegistry registry = Deltas.registry();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"auto", "strategy", "any", null, "delta-core (smallest record per delta)"});
        rows.add(new String[] {"none", "strategy", "any", null, "delta-core (state stored whole)"});
        for (ProviderInfo p : registry.providers()) {
            if (p.kind().equals("state-format")) {
                continue;
            }
            rows.add(new String[] {p.id(), p.kind(), p.stateFormat().orElse(null), p.nativeFormat().orElse(null),
                    p.location()});
        }
        if (json) {
            List<Object> providers = new ArrayList<>();
            for (String[] row : rows) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", row[0]);
                p.put("kind", row[1]);
                p.put("stateFormat", row[2]);
                p.put("nativeFormat", row[3]);
                p.put("providedBy", row[4]);
                providers.add(p);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("providers", providers);
            out.put("failures", registry.failures().stream().map(String::valueOf).toList());
            Tables.printJson(out);
        } else {
            rows.add(0, new String[] {"ID", "KIND", "STATE", "NATIVE FORMAT", "PROVIDED BY"});
            Tables.print(rows);
        }
        for (ProviderFailure f : registry.failures()) {
            System.err.println("delta: warning: " + f);
        }
        return 0;
    }
}
