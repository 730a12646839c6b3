package io.wgsim.config;

import java.util.List;
import java.util.Objects;

/** A wg-quick file as read: the configuration, and the keys that were skipped so a caller can warn. */
public record WgQuickFile(WgQuickConfig config, List<IgnoredKey> ignoredKeys) {

    public WgQuickFile {
        Objects.requireNonNull(config, "config");
        ignoredKeys = List.copyOf(ignoredKeys);
    }
}
