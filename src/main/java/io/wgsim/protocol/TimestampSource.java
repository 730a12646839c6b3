package io.wgsim.protocol;

/**
 * Gives the TAI64N timestamp an initiation carries for a driver time. Responders only compare them,
 * so a simulator may use any monotonic mapping; tests inject captured values.
 */
@FunctionalInterface
public interface TimestampSource {
    byte[] tai64n(long now);
}
