package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PingResultTest {
    private static ExecResult exec(int code, String stdout) {
        return new ExecResult("c", List.of("ping"), code, stdout, "");
    }

    @Test
    void readsTheSummaryOfIputilsAndBusyboxPing() {
        PingResult iputils = PingResult.parse(exec(0, "--- 198.19.1.1 ping statistics ---\n"
                + "100 packets transmitted, 100 received, 0% packet loss, time 2010ms\n"));
        assertEquals(100, iputils.transmitted());
        assertTrue(iputils.lossless());
        PingResult busybox = PingResult.parse(exec(1, "--- 198.19.1.1 ping statistics ---\n"
                + "5 packets transmitted, 3 packets received, 40% packet loss\n"));
        assertEquals(3, busybox.received());
        assertFalse(busybox.lossless());
    }

    @Test
    void noSummaryIsAnErrorQuotingTheOutput() {
        LabException e = assertThrows(LabException.class, () -> PingResult.parse(exec(2, "ping: bad address")));
        assertTrue(e.getMessage().contains("bad address"), e.getMessage());
    }
}
