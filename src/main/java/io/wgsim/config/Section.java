package io.wgsim.config;

import java.util.Optional;

/** The two kinds of section a wg-quick file has. */
enum Section {
    INTERFACE("Interface"),
    PEER("Peer");

    private final String name;

    Section(String name) {
        this.name = name;
    }

    String header() {
        return "[" + name + "]";
    }

    /** The section named inside a header's brackets; case-insensitive, as wg(8) and wg-quick(8) read it. */
    static Optional<Section> byName(String name) {
        for (Section s : values()) {
            if (s.name.equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
