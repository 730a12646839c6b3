package io.wgsim.docker;

import java.util.Map;

/**
 * The labels on everything the lab creates. {@link #LAB} marks an object as the lab's, so a later run
 * can sweep what an interrupted one left; {@link #RUN} says which run made it.
 */
public final class Labels {
    /** Present on every container and network the lab makes; its value is always {@code "1"}. */
    public static final String LAB = "io.wgsim.lab";
    /** The run that made the object (an {@link DockerEngine#runId()}). */
    public static final String RUN = "io.wgsim.lab.run";
    /** On the peer images the lab builds: the content hash the tag is made of. Images are kept and reused. */
    public static final String IMAGE_CONTENT = "io.wgsim.lab.image-content";

    private Labels() {}

    static Map<String, String> of(String runId) {
        return Map.of(LAB, "1", RUN, runId);
    }

    /** The filter value that selects every object carrying the lab label. */
    static String labFilter() {
        return LAB + "=1";
    }
}
