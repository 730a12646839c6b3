package io.wgsim.cli;

import io.wgsim.sim.run.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The console summary of a run: totals, then one row per peer (the first and last rows of a big run). */
final class SummaryTable {
    static final int MAX_ROWS = 30;

    private SummaryTable() {}

    static void print(PrintWriter out, RunSummary s) {
        out.printf(Locale.ROOT, "%s, seed %d: %.0f s simulated in %.2f s wall (%.0fx), %,d events (%,.0f/s)%n",
                s.topology(), s.seed(), s.simulatedSeconds(), s.wallSeconds(),
                s.wallSeconds() > 0 ? s.simulatedSeconds() / s.wallSeconds() : 0, s.events(), s.eventsPerSecond());
        out.printf(Locale.ROOT, "handshakes %,d, rekeys %,d, link drops %s, route drops %s%n", s.totalHandshakes(),
                s.totalRekeys(), s.linkDrops(), s.routeDrops());
        out.printf(Locale.ROOT, "crypto alone (%,d X25519 ops, %,d AEAD bytes) takes %.2f s here: wall/crypto = %.2f,"
                + " cpu/crypto cpu = %.2f%n%n", s.x25519Operations(), s.aeadBytes(), s.cryptoSeconds(),
                s.overheadVsCrypto(), s.cpuOverheadVsCrypto());
        out.printf(Locale.ROOT, "%-14s %10s %7s %9s %14s %14s %8s%n", "peer", "handshakes", "rekeys", "roamed",
                "tx bytes", "rx bytes", "drops");
        List<RunSummary.Peer> peers = s.peers();
        for (int i = 0; i < peers.size(); i++) {
            if (peers.size() > MAX_ROWS && i == MAX_ROWS / 2) {
                out.printf(Locale.ROOT, "%-14s%n", "... " + (peers.size() - MAX_ROWS) + " more (summary.json has all)");
                i = peers.size() - MAX_ROWS / 2;
            }
            RunSummary.Peer p = peers.get(i);
            long drops = p.drops().values().stream().mapToLong(Long::longValue).sum();
            out.printf(Locale.ROOT, "%-14s %10d %7d %9d %,14d %,14d %8d%n", p.name(), p.handshakes(), p.rekeys(),
                    p.endpointChanges(), p.txBytes(), p.rxBytes(), drops);
        }
        if (!s.traffic().isEmpty()) {
            out.println();
            for (RunSummary.App a : s.traffic()) {
                out.printf(Locale.ROOT, "%-40s %s%n", a.name(), a.figures());
            }
        }
    }
}
