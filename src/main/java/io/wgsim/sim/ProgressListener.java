package io.wgsim.sim;

/**
 * Told how a run is going, every so many events or so much virtual time (see
 * {@link Simulator#progressEveryEvents} and {@link Simulator#progressEveryVirtualNanos}). It is called
 * from inside the run loop, between two events; it may read the wall clock, the simulator never does.
 */
@FunctionalInterface
public interface ProgressListener {
    void progress(Simulator.Statistics statistics);
}
