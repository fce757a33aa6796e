package dev.imagepipeline.web.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body stops at a limit: reading past it fails with {@link BodyTooLargeException}, which the
 * controllers' advice answers with {@code 413}. Covers chunked bodies, which announce no length to check up front.
 */
final class BoundedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private final String problem;
    private ServletInputStream bounded;

    BoundedRequest(HttpServletRequest request, long limit, String problem) {
        super(request);
        this.limit = limit;
        this.problem = problem;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (bounded == null) {
            bounded = new Bounded(super.getInputStream());
        }
        return bounded;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private final class Bounded extends ServletInputStream {

        private final ServletInputStream body;
        private long read;

        Bounded(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(problem);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
