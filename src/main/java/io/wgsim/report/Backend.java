package io.wgsim.report;

import java.util.Locale;

/** Where a scenario runs: a column of the conformance matrix. */
public enum Backend {
    SIM("simulator"),
    REAL("real wireguard-go");

    private final String title;

    Backend(String title) {
        this.title = title;
    }

    /** The key in checklist.yaml and in file names: "sim" or "real". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    /** The Cucumber JSON report of this backend's run, in the reports folder. */
    public String cucumberJsonName() {
        return "cucumber-" + key() + ".json";
    }
}
