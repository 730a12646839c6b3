/**
 * The real-peer lab: WireGuard implementations (wireguard-go by default) in Docker containers, driven
 * through docker-java, for the wgsim peer ({@link io.wgsim.real.RealPeer}) to be checked against.
 *
 * <p>{@link io.wgsim.docker.DockerEngine} connects and owns everything the lab creates (labelled, removed
 * at close, swept when an interrupted run left it); {@link io.wgsim.docker.PeerImage} builds the peer
 * image with no registry; {@link io.wgsim.docker.LabNetwork} is an outer network in 198.18.0.0/15;
 * {@link io.wgsim.docker.WireGuardContainer} is one peer (configure, dump, ping, move, change port, stop
 * and start); {@link io.wgsim.docker.SystemUnderTest} says which implementation and how to drive it;
 * {@link io.wgsim.docker.LiveCapture} writes a bridge's traffic to pcapng with the wgsim peer's keys.
 * This is the real-world driver, so it waits on the wall clock, always with a deadline
 * ({@link io.wgsim.docker.Poll}). docs/lab.md tells the whole story.
 */
package io.wgsim.docker;
