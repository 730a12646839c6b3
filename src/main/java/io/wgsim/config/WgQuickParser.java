package io.wgsim.config;

import io.wgsim.config.SectionReader.Entry;
import io.wgsim.config.SectionReader.RawSection;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads wg-quick(8) configuration files. Everything wg(8) and wg-quick(8) accept for the keys wgsim uses
 * is accepted, with two deliberate refusals: host names in Endpoint (see {@link Endpoint}) and a
 * single-valued key given twice in one section (wg(8) lets the later one win silently).
 */
public final class WgQuickParser {
    private final String source;

    private WgQuickParser(String source) {
        this.source = source;
    }

    /** The configuration in {@code file}; see {@link #read(Path)} for the keys it skipped. */
    public static WgQuickConfig parse(Path file) throws ConfigException {
        return read(file).config();
    }

    public static WgQuickConfig parse(String text, String sourceName) throws ConfigException {
        return read(text, sourceName).config();
    }

    /** The configuration and the ignored keys (DNS, PostUp, ...) so a caller can warn about them. */
    public static WgQuickFile read(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.inFile(source, "no such file");
        } catch (AccessDeniedException e) {
            throw ConfigException.inFile(source, "permission denied");
        } catch (CharacterCodingException e) {
            throw ConfigException.inFile(source, "is not UTF-8 text");
        } catch (IOException e) {
            throw ConfigException.inFile(source, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return read(text, source);
    }

    public static WgQuickFile read(String text, String sourceName) throws ConfigException {
        List<IgnoredKey> ignored = new ArrayList<>();
        List<RawSection> sections = SectionReader.read(text, sourceName, ignored);
        return new WgQuickFile(new WgQuickParser(sourceName).config(sections), ignored);
    }

    private WgQuickConfig config(List<RawSection> sections) throws ConfigException {
        RawSection ifaceSection = null;
        for (RawSection s : sections) {
            if (s.section() != Section.INTERFACE) {
                continue;
            }
            if (ifaceSection != null) {
                throw ConfigException.atLine(source, s.line(), "[Interface]: only one [Interface] section is allowed"
                        + " (the first is on line " + ifaceSection.line() + ")");
            }
            ifaceSection = s;
        }
        if (ifaceSection == null) {
            throw ConfigException.inFile(source, "no [Interface] section");
        }
        InterfaceConfig iface = iface(ifaceSection);

        PublicKey own = iface.privateKey().publicKey();
        Map<PublicKey, Integer> peerLines = new HashMap<>();
        List<PeerConfig> peers = new ArrayList<>();
        for (RawSection s : sections) {
            if (s.section() != Section.PEER) {
                continue;
            }
            PeerConfig peer = peer(s);
            Entry keyEntry = s.first(ConfigKey.PUBLIC_KEY).orElseThrow();
            if (peer.publicKey().equals(own)) {
                throw fieldError(keyEntry, peer.publicKey() + " is this interface's own public key");
            }
            Integer earlier = peerLines.putIfAbsent(peer.publicKey(), s.line());
            if (earlier != null) {
                throw fieldError(keyEntry, peer.publicKey() + " is already the peer on line " + earlier);
            }
            peers.add(peer);
        }
        return new WgQuickConfig(iface, peers);
    }

    private InterfaceConfig iface(RawSection s) throws ConfigException {
        Entry keyEntry = s.first(ConfigKey.PRIVATE_KEY)
                .orElseThrow(() -> missing(s, ConfigKey.PRIVATE_KEY));
        PrivateKey privateKey = value(keyEntry, KeyText::privateKey);
        Integer listenPort = optional(s, ConfigKey.LISTEN_PORT, ConfigValues::listenPort);
        Integer mtu = optional(s, ConfigKey.MTU, ConfigValues::mtu);
        return new InterfaceConfig(privateKey, listenPort, list(s, ConfigKey.ADDRESS), mtu);
    }

    private PeerConfig peer(RawSection s) throws ConfigException {
        Entry keyEntry = s.first(ConfigKey.PUBLIC_KEY)
                .orElseThrow(() -> missing(s, ConfigKey.PUBLIC_KEY));
        PublicKey publicKey = value(keyEntry, KeyText::publicKey);
        PresharedKey psk = optional(s, ConfigKey.PRESHARED_KEY, KeyText::presharedKey);
        Endpoint endpoint = optional(s, ConfigKey.ENDPOINT, Endpoint::parse);
        Integer keepalive = optional(s, ConfigKey.PERSISTENT_KEEPALIVE, ConfigValues::keepalive);
        return new PeerConfig(publicKey, psk == null ? PresharedKey.NONE : psk, list(s, ConfigKey.ALLOWED_IPS),
                endpoint, keepalive == null ? 0 : keepalive);
    }

    private List<Cidr> list(RawSection s, ConfigKey key) throws ConfigException {
        List<Cidr> out = new ArrayList<>();
        for (Entry e : s.all(key)) {
            out.addAll(value(e, ConfigValues::cidrs));
        }
        return out;
    }

    private <T> T optional(RawSection s, ConfigKey key, Function<String, T> parser) throws ConfigException {
        Optional<Entry> entry = s.first(key);
        return entry.isPresent() ? value(entry.get(), parser) : null;
    }

    private <T> T value(Entry e, Function<String, T> parser) throws ConfigException {
        try {
            return parser.apply(e.value());
        } catch (IllegalArgumentException ex) {
            throw fieldError(e, ex.getMessage());
        }
    }

    private ConfigException fieldError(Entry e, String problem) {
        return ConfigException.atField(source, e.line(), e.key().section(), e.key().spelling(), problem);
    }

    private ConfigException missing(RawSection s, ConfigKey key) {
        return ConfigException.atField(source, s.line(), s.section(), key.spelling(),
                "missing (every " + s.section().header() + " section needs one)");
    }
}
