package io.wgsim.protocol;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.protocol.wire.Protocol;
import java.util.Objects;

/**
 * The interface-level settings of a {@link Device}. Defaults follow wireguard-go; the numbers that
 * differ between implementations (replay window, under-load threshold) are settings so a model of
 * another implementation can change them.
 *
 * @param privateKey the interface's static private key
 * @param listenPort reported in status only (the driver owns the socket); 0 when unknown
 * @param mtu the tunnel MTU: the cap for padding
 * @param replayWindow replay window size in counters, a multiple of 64
 * @param underLoadThreshold handshake messages per second at which cookies are demanded; 0 means
 *        always under load
 * @param stagedQueueLimit packets held per peer while a handshake is in progress
 * @param epochNanos the Unix time in nanoseconds at driver time 0, for timestamps and status
 * @param keyLog whether to emit {@link DeviceEvent.SessionSecrets} (secrets) for Wireshark key logs
 * @param timestamps an override for initiation timestamps (tests); null for the whitened clock
 */
public record DeviceSettings(PrivateKey privateKey, int listenPort, int mtu, int replayWindow,
                             int underLoadThreshold, int stagedQueueLimit, long epochNanos, boolean keyLog,
                             TimestampSource timestamps) {

    public static final int DEFAULT_STAGED_QUEUE_LIMIT = 128;

    public DeviceSettings {
        Objects.requireNonNull(privateKey, "privateKey");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort must be 0..65535, got " + listenPort);
        }
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be 576..65535, got " + mtu);
        }
        if (replayWindow <= 0 || replayWindow % 64 != 0) {
            throw new IllegalArgumentException("replayWindow must be a positive multiple of 64, got " + replayWindow);
        }
        if (underLoadThreshold < 0) {
            throw new IllegalArgumentException("underLoadThreshold must be >= 0, got " + underLoadThreshold);
        }
        if (stagedQueueLimit < 1) {
            throw new IllegalArgumentException("stagedQueueLimit must be >= 1, got " + stagedQueueLimit);
        }
    }

    /** Defaults for everything but the key. */
    public static DeviceSettings of(PrivateKey privateKey) {
        return new DeviceSettings(privateKey, 0, Protocol.DEFAULT_MTU, Protocol.DEFAULT_REPLAY_WINDOW,
                Protocol.DEFAULT_UNDER_LOAD_THRESHOLD, DEFAULT_STAGED_QUEUE_LIMIT, 0L, false, null);
    }

    public DeviceSettings withPrivateKey(PrivateKey key) {
        return new DeviceSettings(key, listenPort, mtu, replayWindow, underLoadThreshold, stagedQueueLimit, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withListenPort(int port) {
        return new DeviceSettings(privateKey, port, mtu, replayWindow, underLoadThreshold, stagedQueueLimit, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withMtu(int value) {
        return new DeviceSettings(privateKey, listenPort, value, replayWindow, underLoadThreshold, stagedQueueLimit, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withReplayWindow(int value) {
        return new DeviceSettings(privateKey, listenPort, mtu, value, underLoadThreshold, stagedQueueLimit, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withUnderLoadThreshold(int value) {
        return new DeviceSettings(privateKey, listenPort, mtu, replayWindow, value, stagedQueueLimit, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withStagedQueueLimit(int value) {
        return new DeviceSettings(privateKey, listenPort, mtu, replayWindow, underLoadThreshold, value, epochNanos, keyLog, timestamps);
    }

    public DeviceSettings withEpochNanos(long value) {
        return new DeviceSettings(privateKey, listenPort, mtu, replayWindow, underLoadThreshold, stagedQueueLimit, value, keyLog, timestamps);
    }

    public DeviceSettings withKeyLog(boolean value) {
        return new DeviceSettings(privateKey, listenPort, mtu, replayWindow, underLoadThreshold, stagedQueueLimit, epochNanos, value, timestamps);
    }

    public DeviceSettings withTimestamps(TimestampSource value) {
        return new DeviceSettings(privateKey, listenPort, mtu, replayWindow, underLoadThreshold, stagedQueueLimit, epochNanos, keyLog, value);
    }
}
