/**
 * The discrete-event engine: a virtual clock in nanoseconds, the events due on it, and the seeded
 * random streams of a run. Links, hosts and NAT boxes are built on top of it elsewhere; this package
 * knows nothing of networks.
 *
 * <p>{@link io.wgsim.sim.Simulator} is the entry point: schedule {@code Runnable}s at a virtual time,
 * keep the {@link io.wgsim.sim.EventId} to cancel them, run. Events run in order of time, then of
 * scheduling, so runs are repeatable. The future event set is a {@link io.wgsim.sim.Scheduler}, after
 * ns-3's interface of the same name: {@link io.wgsim.sim.CalendarScheduler} (a calendar queue with
 * lazily sorted buckets, the default), {@link io.wgsim.sim.HeapScheduler} (a 4-ary heap) and
 * {@link io.wgsim.sim.ListScheduler} (a sorted list, the reference the others are tested against).
 * {@link io.wgsim.sim.RandomStream} gives each component its own numbers, derived from the run seed
 * and the component's name.
 */
package io.wgsim.sim;
