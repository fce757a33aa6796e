package dev.imagepipeline.ingest.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends a body at its size limit, and remembers that it did, whatever reader the failure then passes through. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        if (atLimit()) {
            return -1;
        }
        int b = super.read();
        if (b != -1) {
            read++;
        }
        return b;
    }

    /** Reads no further than the limit, so everything before it is read; only a read past it fails. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (atLimit()) {
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
        if (n > 0) {
            read += n;
        }
        return n;
    }

    /** No more than the limit leaves room for: a decoder that reads on while bytes are available stops there. */
    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), limit - read);
    }

    /** Whether the body ended exactly at the limit; a body that goes on past it fails. */
    private boolean atLimit() throws IOException {
        if (read < limit) {
            return false;
        }
        if (super.read() == -1) {
            return true;
        }
        exceeded = true;
        throw new IOException("The upload is larger than " + limit + " bytes");
    }
}
