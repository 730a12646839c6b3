package io.wgsim.topology;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a NAT maps and filters UDP, in the terms of RFC 4787 (sections 4.1 and 5). The same three values
 * describe both: mapping says when two outgoing flows share one outer port, filtering says which
 * incoming datagrams a mapping lets through.
 */
public enum NatBehaviour {
    /** One outer port per inner address:port, whatever the destination; open to any remote (full cone). */
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    /** A new outer port (or filter) per remote address. */
    ADDRESS_DEPENDENT("address-dependent"),
    /** A new outer port (or filter) per remote address:port ("symmetric" NAT when it is the mapping). */
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

    private final String yamlName;

    NatBehaviour(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling in topology files. */
    public String yamlName() {
        return yamlName;
    }

    /** The behaviour a topology file names; IllegalArgumentException listing the names otherwise. */
    public static NatBehaviour fromYaml(String text) {
        for (NatBehaviour b : values()) {
            if (b.yamlName.equals(text.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(NatBehaviour::yamlName).collect(Collectors.joining(", "));
    }
}
