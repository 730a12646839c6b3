package io.wgsim.cli;

import io.wgsim.config.KeyText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim pubkey}: reads a private key from standard input and prints its public key, taking and
 * refusing input exactly as {@code wg pubkey} (wireguard-tools src/pubkey.c) does: the first 44 bytes
 * are the key, after it only blanks and NULs may follow.
 */
@Command(name = "pubkey", mixinStandardHelpOptions = true,
        description = "Read a base64 private key from standard input and print its public key, as 'wg pubkey' does.")
final class PubKeyCommand implements Runnable {
    private static final int BASE64_LENGTH = 44;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main parent;

    @Override
    public void run() {
        byte[] key = new byte[0];
        try {
            InputStream in = parent.in();
            key = in.readNBytes(BASE64_LENGTH);
            if (key.length != BASE64_LENGTH) {
                throw new CommandFailure("Key is not the correct length or format");
            }
            for (int c = in.read(); c != -1; c = in.read()) {
                if (!isBlankOrNul(c)) {
                    throw new CommandFailure("Trailing characters found after key");
                }
            }
            String publicKey;
            try {
                publicKey = KeyText.privateKey(new String(key, StandardCharsets.US_ASCII)).publicKey().toBase64();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("Key is not the correct length or format");
            }
            spec.commandLine().getOut().println(publicKey);
        } catch (IOException e) {
            throw new CommandFailure("cannot read standard input: " + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** wireguard-tools' char_is_space, plus NUL which pubkey.c also skips. */
    private static boolean isBlankOrNul(int c) {
        return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
