package dev.imagepipeline.ingest.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

/**
 * Reads characters and counts lines, holding at most one record's worth of text: a record longer than the limit is
 * skipped to its end rather than read into memory.
 */
final class LineReader {

    static final int END = -1;

    private final Reader in;
    private final int maxLength;
    private long line = 1;
    private int pushedBack = Integer.MIN_VALUE;

    LineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    int maxLength() {
        return maxLength;
    }

    /** The line the next character is on, from 1. */
    long line() {
        return line;
    }

    /** The next character, or {@link #END}; {@code \r\n} and a lone {@code \r} read as {@code \n}. */
    int read() {
        int c = raw();
        if (c == '\r') {
            int next = raw();
            if (next != '\n' && next != END) {
                pushedBack = next;
            }
            c = '\n';
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    /**
     * The next line without its end, {@code null} at the end of the input, or {@link #TOO_LONG} for a line over the
     * limit, which is skipped.
     */
    @Nullable
    String readLine() {
        var text = new StringBuilder();
        int c = read();
        if (c == END) {
            return null;
        }
        boolean tooLong = false;
        while (c != END && c != '\n') {
            if (text.length() < maxLength) {
                text.append((char) c);
            } else {
                tooLong = true;
            }
            c = read();
        }
        return tooLong ? TOO_LONG : text.toString();
    }

    /** What {@link #readLine()} returns for a line over the limit; compare by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String TOO_LONG = new String("<too long>");

    private int raw() {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
