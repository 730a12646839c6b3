package io.wgsim.topology;

import java.util.List;
import java.util.Objects;

/** A parsed topology and the warnings its file earned (things that parse but are likely mistakes). */
public record TopologyFile(Topology topology, List<Diagnostic> warnings) {

    public TopologyFile {
        Objects.requireNonNull(topology, "topology");
        warnings = List.copyOf(warnings);
    }
}
