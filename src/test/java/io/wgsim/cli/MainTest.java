package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.ConfigException;
import io.wgsim.config.WgQuickParser;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli.Result r = Cli.run("", "--help");

        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: wgsim [-hV] COMMAND"), r.out());
        for (String command : List.of("genkey", "pubkey", "genpsk")) {
            assertTrue(r.out().contains("\n  " + command + " "), () -> command + " missing from:\n" + r.out());
        }
    }

    @Test
    void versionNamesWgsimAndExitsZero() {
        Cli.Result r = Cli.run("", "--version");

        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("wgsim "), r.out());
        assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        CommandLine commandLine = Main.commandLine(new Main());
        assertFalse(commandLine.getSubcommands().isEmpty());
        for (String name : commandLine.getSubcommands().keySet()) {
            Cli.Result help = Cli.run("", name, "--help");
            assertEquals(0, help.exitCode(), name);
            assertTrue(help.out().startsWith("Usage: wgsim " + name + " [-hV]"), help.out());

            Cli.Result version = Cli.run("", name, "-V");
            assertEquals(0, version.exitCode(), name);
            assertTrue(version.out().startsWith("wgsim "), name + ": " + version.out());
        }
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run("");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Missing a command\nUsage: wgsim"), r.err());
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        Cli.Result command = Cli.run("", "frobnicate");
        Cli.Result option = Cli.run("", "genkey", "--bits=512");

        assertEquals(2, command.exitCode());
        assertTrue(command.err().contains("Unmatched argument at index 0: 'frobnicate'"), command.err());
        assertEquals(2, option.exitCode());
        assertTrue(option.err().contains("Unknown option: '--bits=512'"), option.err());
    }

    @Command(name = "load")
    static final class LoadCommand implements Callable<Integer> {
        @Override public Integer call() throws ConfigException {
            WgQuickParser.parse("[Interface]\nPrivateKey = AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=\nMTU = 9\n",
                    "bad.conf");
            return 0;
        }
    }

    @Command(name = "boom")
    static final class BoomCommand implements Runnable {
        @Override public void run() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void aConfigErrorIsOneLineAndExitCodeOne() {
        Cli.Result r = Cli.run(Main.commandLine(new Main()).addSubcommand(new LoadCommand()), "load");

        assertEquals(new Cli.Result(1, "", "wgsim: bad.conf:3: [Interface] MTU: 9 is out of range: MTU must be 576..65535\n"), r);
    }

    @Test
    void aBugShowsItsStackTraceAndExitCodeOne() {
        Cli.Result r = Cli.run(Main.commandLine(new Main()).addSubcommand(new BoomCommand()), "boom");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: internal error"), r.err());
        assertTrue(r.err().contains("java.lang.IllegalStateException: a bug"), r.err());
        assertTrue(r.err().contains("at io.wgsim.cli.MainTest$BoomCommand.run"), r.err());
    }
}
