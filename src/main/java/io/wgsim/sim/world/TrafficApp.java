package io.wgsim.sim.world;

/** A traffic application running inside the tunnels, with the figures it reports in the run summary. */
public sealed interface TrafficApp permits PingApp, CbrApp, BulkApp {
    String describe();

    /** Name-value figures for the summary, in a fixed order. */
    java.util.LinkedHashMap<String, Object> figures();
}
