package io.wgsim.cli;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wgsim genkey}: like {@code wg genkey}, a new clamped private key in base64. */
@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = "Print a new private key in base64, as 'wg genkey' does.")
final class GenKeyCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(PrivateKey.generate(Entropy.secure()).toBase64());
    }
}
