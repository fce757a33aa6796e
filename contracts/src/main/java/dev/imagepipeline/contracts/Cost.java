package dev.imagepipeline.contracts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What generating images costs, or is expected to cost, in US dollars.
 *
 * @param usd the amount, never negative
 * @param basis how it was worked out, e.g. {@code replicate/flux-schnell: 2 images at 0.003 USD an image (prices of
 *        2025-06)}, so a reader can check it against the provider's bill
 */
public record Cost(BigDecimal usd, String basis) {

    public static final Cost NONE = new Cost(BigDecimal.ZERO, "nothing was generated");

    public Cost {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(basis, "basis");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("a cost is never negative, not " + usd);
        }
    }
}
