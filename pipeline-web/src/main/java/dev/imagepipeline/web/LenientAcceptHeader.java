package dev.imagepipeline.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * Reads the {@code Accept} header as Spring does, but takes one it cannot parse for no header at all, as RFC 9110
 * allows. Otherwise such a request, and every error answered to it, would get an empty {@code 406}: the problem
 * cannot be written in any type the client accepts.
 */
final class LenientAcceptHeader implements ContentNegotiationStrategy {

    private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
        try {
            return header.resolveMediaTypes(request);
        } catch (HttpMediaTypeNotAcceptableException unparsable) {
            return MEDIA_TYPE_ALL_LIST;
        }
    }
}
