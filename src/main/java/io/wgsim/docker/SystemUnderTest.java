package io.wgsim.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Which WireGuard implementation runs in the lab's containers, and how to drive it. Commands are argument
 * lists; {@code {if}} stands for the interface name, {@code {conf}} for the path of the wg(8)-style
 * configuration file the lab copies into the container, {@code {port}} for a listen port. The image must
 * also have {@code ip} (iproute2 or busybox), {@code ping}, {@code sleep}, {@code bash} (for UDP), and {@code wg} for
 * {@link #dump} and {@link #setPort} unless those are replaced too.
 *
 * @param image the image to run, or null for the lab's own wireguard-go image ({@link PeerImage})
 * @param env environment for every container (wireguard-go wants {@code WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1})
 * @param up creates the interface (a userspace daemon that forks, like {@code wireguard-go {if}})
 * @param setconf applies the configuration file ({@code wg setconf {if} {conf}})
 * @param dump prints {@code wg show {if} dump} text
 * @param setPort changes the listen port ({@code wg set {if} listen-port {port}})
 */
public record SystemUnderTest(String image, Map<String, String> env, List<String> up, List<String> setconf,
                              List<String> dump, List<String> setPort) {
    public static final String IMAGE_PROPERTY = "wgsim.lab.image";
    public static final String ENV_PROPERTY = "wgsim.lab.env";
    public static final String UP_PROPERTY = "wgsim.lab.up";
    public static final String SETCONF_PROPERTY = "wgsim.lab.setconf";
    public static final String DUMP_PROPERTY = "wgsim.lab.dump";
    public static final String SET_PORT_PROPERTY = "wgsim.lab.set-port";

    public SystemUnderTest {
        env = Map.copyOf(env);
        up = nonEmpty(up, "up");
        setconf = nonEmpty(setconf, "setconf");
        dump = nonEmpty(dump, "dump");
        setPort = nonEmpty(setPort, "setPort");
    }

    /** wireguard-go in the lab's own image. */
    public static SystemUnderTest wireguardGo() {
        return new SystemUnderTest(null, Map.of("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1"),
                List.of("wireguard-go", "{if}"), List.of("wg", "setconf", "{if}", "{conf}"),
                List.of("wg", "show", "{if}", "dump"), List.of("wg", "set", "{if}", "listen-port", "{port}"));
    }

    /**
     * wireguard-go, with whatever the properties replace: {@value #IMAGE_PROPERTY}, {@value #ENV_PROPERTY}
     * ({@code K=V,K=V}; replaces the default environment), {@value #UP_PROPERTY}, {@value #SETCONF_PROPERTY},
     * {@value #DUMP_PROPERTY}, {@value #SET_PORT_PROPERTY} (commands split at spaces).
     */
    public static SystemUnderTest from(Properties properties) {
        SystemUnderTest d = wireguardGo();
        String image = properties.getProperty(IMAGE_PROPERTY);
        return new SystemUnderTest(
                image == null || image.isBlank() ? null : image.strip(),
                properties.containsKey(ENV_PROPERTY) ? env(properties.getProperty(ENV_PROPERTY)) : d.env(),
                command(properties, UP_PROPERTY, d.up()),
                command(properties, SETCONF_PROPERTY, d.setconf()),
                command(properties, DUMP_PROPERTY, d.dump()),
                command(properties, SET_PORT_PROPERTY, d.setPort()));
    }

    public static SystemUnderTest fromSystemProperties() {
        return from(System.getProperties());
    }

    /** {@code env} as Docker wants it, {@code K=V}. */
    List<String> envList() {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        out.sort(null);
        return out;
    }

    static List<String> fill(List<String> command, String iface, String conf, Integer port) {
        List<String> out = new ArrayList<>();
        for (String arg : command) {
            out.add(arg.replace("{if}", iface)
                    .replace("{conf}", conf == null ? "{conf}" : conf)
                    .replace("{port}", port == null ? "{port}" : port.toString()));
        }
        return out;
    }

    private static List<String> command(Properties properties, String key, List<String> fallback) {
        String text = properties.getProperty(key);
        if (text == null) {
            return fallback;
        }
        List<String> args = List.of(text.strip().split("\\s+"));
        if (text.isBlank()) {
            throw new IllegalArgumentException("-D" + key + " is empty: give the command, e.g. '"
                    + String.join(" ", fallback) + "'");
        }
        return args;
    }

    private static Map<String, String> env(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-D" + ENV_PROPERTY + ": '" + item.strip() + "' is not NAME=VALUE");
            }
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1));
        }
        return out;
    }

    private static List<String> nonEmpty(List<String> command, String what) {
        Objects.requireNonNull(command, what);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " command is empty");
        }
        return List.copyOf(command);
    }
}
