package io.wgsim.lab;

/** Which implementation a lab peer runs. */
public enum PeerRole {
    /** wgsim's own core, driven by the lab (it reports {@link io.wgsim.protocol.DeviceEvent}s). */
    WGSIM,
    /** The implementation under test: wgsim's core in the simulator, wireguard-go in the real lab. */
    UNDER_TEST
}
