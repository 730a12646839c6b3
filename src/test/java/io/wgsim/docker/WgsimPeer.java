package io.wgsim.docker;

import io.wgsim.protocol.DeviceStatus;
import io.wgsim.real.PeerOptions;
import io.wgsim.real.RealPeer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A wgsim peer ({@link RealPeer}) running on a thread of the test JVM, with its output kept for messages. */
final class WgsimPeer implements AutoCloseable {
    private final RealPeer peer;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "wgsim peer"));
    private final Future<Integer> run;

    private WgsimPeer(PeerOptions options) throws IOException {
        this.peer = RealPeer.open(options, new PrintWriter(out, true), new PrintWriter(err, true));
        this.run = thread.submit(peer::run);
    }

    static WgsimPeer start(PeerOptions options) throws IOException {
        return new WgsimPeer(options);
    }

    RealPeer peer() {
        return peer;
    }

    /** The status now, from the peer's loop. */
    DeviceStatus status() throws Exception {
        return peer.status().get(10, TimeUnit.SECONDS);
    }

    /** Waits for the run to end by itself (a ping finished); its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the run and returns the device's status at the end. */
    DeviceStatus stop() throws Exception {
        peer.stop();
        run.get(10, TimeUnit.SECONDS);
        return peer.finalStatus();
    }

    /** Everything it printed, for assertion messages. */
    String log() {
        return "--- wgsim peer stdout ---\n" + out + "--- wgsim peer stderr ---\n" + err;
    }

    @Override
    public void close() throws IOException {
        peer.stop();
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the test reports what went wrong; here only the socket must be released
        } finally {
            thread.shutdownNow();
            peer.close();
        }
    }
}
