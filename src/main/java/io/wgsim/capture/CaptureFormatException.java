package io.wgsim.capture;

import java.io.IOException;

/**
 * A capture file that is truncated or corrupt. The message names the file and the byte offset of the
 * block or record at fault; {@link #offset()} returns that offset.
 */
public final class CaptureFormatException extends IOException {
    private final long offset;

    CaptureFormatException(String source, long offset, String problem) {
        super(source + ": at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** The byte offset in the file of the block, record or field that could not be read. */
    public long offset() {
        return offset;
    }
}
