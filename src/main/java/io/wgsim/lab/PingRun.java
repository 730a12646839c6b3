package io.wgsim.lab;

/** A ping(8) run started by {@link Lab#ping}: its statistics so far. */
public interface PingRun {
    /** How many echo requests the run was asked to send. */
    long requested();

    long sent();

    long answered();

    /** "ping alice -> 10.0.0.2: 3 sent, 2 answered", for failure messages. */
    String describe();
}
