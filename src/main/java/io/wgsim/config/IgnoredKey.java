package io.wgsim.config;

/**
 * A wg-quick key that wgsim reads past (DNS, Table, PreUp, PostUp, PreDown, PostDown, SaveConfig,
 * FwMark): they set up the host around a kernel interface, which wgsim doesn't have.
 */
public record IgnoredKey(String source, int line, String key) {

    /** A one-line warning for the user; the value is not repeated (a PostUp may hold anything). */
    public String warning() {
        return source + ":" + line + ": " + key + " is not used by wgsim; ignored";
    }
}
