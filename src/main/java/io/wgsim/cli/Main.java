package io.wgsim.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code wgsim} command. Exit codes: 0 ok, 1 error, 2 usage error (picocli's defaults, kept).
 *
 * <p>To add a subcommand, put its class in {@code subcommands} below. It inherits --help and --version
 * (scope = INHERIT), prints through {@code spec.commandLine().getOut()/getErr()}, reads standard input
 * through a {@code @ParentCommand Main} field's {@link #in()}, and reports a user's mistake by throwing
 * {@link CommandFailure} or a {@code ConfigException} (printed as one line, exit code 1).
 */
@Command(name = "wgsim",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "WireGuard simulator and conformance suite.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                GenKeyCommand.class,
                PubKeyCommand.class,
                GenPskCommand.class,
                PeerCommand.class,
                RunCommand.class,
                RelayCommand.class,
                ReportCommand.class,
                CheckCommand.class,
        })
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private final InputStream in;

    public Main() {
        this(System.in);
    }

    Main(InputStream in) {
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    /** The configured command line; tests set its out and err and call execute. */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setExecutionExceptionHandler(new ErrorReporter());
    }

    /** Standard input, as given to this command line. */
    InputStream in() {
        return in;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }
}
