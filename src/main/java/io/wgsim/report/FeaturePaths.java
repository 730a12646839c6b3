package io.wgsim.report;

import java.net.URI;
import java.nio.file.Path;

/** Cucumber's feature URIs turned into paths a report can show and link to. */
final class FeaturePaths {
    private FeaturePaths() {}

    /**
     * "file:features/a.feature" gives "features/a.feature"; "file:///abs/features/a.feature" gives the
     * absolute path; "classpath:features/a.feature" gives "features/a.feature".
     */
    static String strip(String uri) {
        if (uri == null) {
            return "";
        }
        if (uri.startsWith("classpath:")) {
            return uri.substring("classpath:".length()).replaceFirst("^/+", "");
        }
        if (uri.startsWith("file://")) {
            try {
                return Path.of(URI.create(uri)).toString();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return uri.substring("file://".length());
            }
        }
        if (uri.startsWith("file:")) {
            return uri.substring("file:".length());
        }
        return uri;
    }

    /** The feature file on disk: an absolute path as it is, a relative one under {@code root}. */
    static Path resolve(Path root, String uri) {
        Path p = Path.of(strip(uri));
        return p.isAbsolute() ? p : root.resolve(p);
    }
}
