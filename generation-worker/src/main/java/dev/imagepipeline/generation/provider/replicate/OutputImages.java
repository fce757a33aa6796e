package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;

/** Turns a downloaded output file into an image: its type and size read from its bytes, where Java can read them. */
final class OutputImages {

    private OutputImages() {
    }

    /**
     * @param width, height what the model was asked to draw, for a format Java cannot read, such as WebP
     */
    static RenderedImage of(URI url, ReplicateClient.Download file, int width, int height) {
        var bytes = file.bytes();
        var decoded = RenderedImage.decode(bytes);
        if (decoded.isPresent()) {
            return decoded.get();
        }
        // A header Java cannot parse: the declared type and the asked size stand in.
        var declared = file.contentType();
        if (declared == null || !"image".equals(declared.getType())) {
            throw new ProviderException("malformed_response",
                    "Replicate's output " + url + " is not an image: " + declared, true);
        }
        return new RenderedImage(bytes, declared.getType() + "/" + declared.getSubtype(), width, height);
    }
}
