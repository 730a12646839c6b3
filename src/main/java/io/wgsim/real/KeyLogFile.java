package io.wgsim.real;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A Wireshark WireGuard key log ({@code LOCAL_STATIC_PRIVATE_KEY = ...} lines, the format of
 * {@code uat:wg_keys} / {@code wg.keylog_file}), appended to. The file is made readable and writable by
 * its owner only (0600) before it is opened for writing, so no secret is ever in a file others can read;
 * an existing file is tightened first, and a file system without POSIX permissions is refused.
 */
final class KeyLogFile implements Closeable {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final FileChannel channel;

    private KeyLogFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static KeyLogFile open(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(path + " exists and is not a regular file");
            }
            setOwnerOnly(path);
        } else {
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                throw new IOException(path + ": the file system has no POSIX permissions to keep a key log private");
            }
            setOwnerOnly(path); // the umask cannot widen 0600, but be explicit about the result
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        return new KeyLogFile(path, channel);
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            throw new IOException(path + ": the file system has no POSIX permissions to keep a key log private");
        }
    }

    Path path() {
        return path;
    }

    /** Appends the lines, each ending in a newline, in one write. */
    void append(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
