/**
 * Topology files: a WireGuard network described in YAML (docs/topology.md), read into an immutable,
 * fully resolved {@link io.wgsim.topology.Topology} for the simulator to build.
 *
 * <p>{@link io.wgsim.topology.TopologyParser} reads a file in three rounds, each reporting every problem
 * it finds as a {@link io.wgsim.topology.Diagnostic} naming the file, line and field path: YAML into a
 * tree that keeps lines ({@code YamlReader}), the tree into specs checked field by field against the
 * format's tables ({@code SpecReader}, {@code Format}), and the specs into the model ({@code Resolver}:
 * generators expanded by {@code Generators}, outer addresses allocated, keys chosen, then peers by
 * {@code PeerResolver} and events and traffic by {@code ScriptResolver}).
 *
 * <p>The model is records: {@link io.wgsim.topology.Network}, {@link io.wgsim.topology.Nat},
 * {@link io.wgsim.topology.Node} with its {@link io.wgsim.topology.Link} and
 * {@link io.wgsim.topology.WireGuard} interface and {@link io.wgsim.topology.Peer}s,
 * {@link io.wgsim.topology.TopologyEvent}s and {@link io.wgsim.topology.Traffic}. Keys the file leaves out
 * are derived from the seed and node names ({@link io.wgsim.topology.NodeKey}), lazily, so 100,000
 * generated nodes cost no Curve25519 work until the simulator asks for their keys.
 *
 * <p>Link impairments stay netem text here: the simulator's link model owns that grammar and passes
 * its checker in {@link io.wgsim.topology.ParseOptions#withLinkCheck}. Nothing here depends on the
 * simulator.
 */
package io.wgsim.topology;
