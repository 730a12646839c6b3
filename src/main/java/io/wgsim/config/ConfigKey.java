package io.wgsim.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every key a wg-quick file may hold, the section it belongs to and how it may occur. */
enum ConfigKey {
    PRIVATE_KEY("PrivateKey", Section.INTERFACE, Occurs.ONCE),
    LISTEN_PORT("ListenPort", Section.INTERFACE, Occurs.ONCE),
    ADDRESS("Address", Section.INTERFACE, Occurs.LIST),
    MTU("MTU", Section.INTERFACE, Occurs.ONCE),
    // wg-quick's host-side settings: they configure the machine around the interface, which a simulated
    // or userspace peer doesn't have, so they are read past (and reported) rather than refused.
    DNS("DNS", Section.INTERFACE, Occurs.IGNORED),
    TABLE("Table", Section.INTERFACE, Occurs.IGNORED),
    PRE_UP("PreUp", Section.INTERFACE, Occurs.IGNORED),
    POST_UP("PostUp", Section.INTERFACE, Occurs.IGNORED),
    PRE_DOWN("PreDown", Section.INTERFACE, Occurs.IGNORED),
    POST_DOWN("PostDown", Section.INTERFACE, Occurs.IGNORED),
    SAVE_CONFIG("SaveConfig", Section.INTERFACE, Occurs.IGNORED),
    FW_MARK("FwMark", Section.INTERFACE, Occurs.IGNORED),

    PUBLIC_KEY("PublicKey", Section.PEER, Occurs.ONCE),
    PRESHARED_KEY("PresharedKey", Section.PEER, Occurs.ONCE),
    ALLOWED_IPS("AllowedIPs", Section.PEER, Occurs.LIST),
    ENDPOINT("Endpoint", Section.PEER, Occurs.ONCE),
    PERSISTENT_KEEPALIVE("PersistentKeepalive", Section.PEER, Occurs.ONCE);

    enum Occurs {
        /** At most once per section; wg(8) would let a later line win, we refuse the ambiguity. */
        ONCE,
        /** May repeat; each occurrence adds comma-separated entries. */
        LIST,
        /** Accepted and skipped; the parser reports where. */
        IGNORED
    }

    private static final Map<String, ConfigKey> BY_LOWER_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(k -> k.spelling.toLowerCase(Locale.ROOT), Function.identity()));

    private final String spelling;
    private final Section section;
    private final Occurs occurs;

    ConfigKey(String spelling, Section section, Occurs occurs) {
        this.spelling = spelling;
        this.section = section;
        this.occurs = occurs;
    }

    /** The canonical spelling, as wg-quick(8) documents it and the writer prints it. */
    String spelling() {
        return spelling;
    }

    Section section() {
        return section;
    }

    Occurs occurs() {
        return occurs;
    }

    static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The keys wgsim uses in a section, for "unknown key" messages. */
    static String usedIn(Section section) {
        return Arrays.stream(values())
                .filter(k -> k.section == section && k.occurs != Occurs.IGNORED)
                .map(ConfigKey::spelling)
                .collect(Collectors.joining(", "));
    }
}
