package io.wgsim.cli;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.protocol.wire.Protocol;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wgsim genpsk}: like {@code wg genpsk}, 32 random bytes in base64 (no clamping: it's no scalar). */
@Command(name = "genpsk", mixinStandardHelpOptions = true,
        description = "Print a new preshared key in base64, as 'wg genpsk' does.")
final class GenPskCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        byte[] bytes = new byte[Protocol.KEY_LENGTH];
        Entropy.secure().nextBytes(bytes);
        String base64 = PresharedKey.of(bytes).toBase64();
        Arrays.fill(bytes, (byte) 0);
        spec.commandLine().getOut().println(base64);
    }
}
