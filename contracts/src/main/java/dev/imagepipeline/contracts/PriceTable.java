package dev.imagepipeline.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What each provider's models charge, by image and by size, for estimating a job's cost before it runs and recording
 * it after. The defaults are the providers' public list prices as of {@link #DEFAULTS_AS_OF}; prices change, and a
 * deployment sets its own with {@code pipeline.pricing.prices[<provider>/<model>]} (and
 * {@code pipeline.pricing.prices[<provider>]} for a provider's model not listed, or not named by the job).
 */
public final class PriceTable {

    /** The month the default prices were read from the providers' pricing pages. */
    public static final String DEFAULTS_AS_OF = "2025-06";

    private static final Map<String, Price> DEFAULTS = defaults();
    private static final BigDecimal PIXELS_PER_MEGAPIXEL = BigDecimal.valueOf(1_000_000);

    private final Map<String, Price> prices;
    private final String asOf;

    private PriceTable(Map<String, Price> prices, String asOf) {
        this.prices = Map.copyOf(prices);
        this.asOf = asOf;
    }

    /** The default prices. */
    public static PriceTable defaultPrices() {
        return new PriceTable(DEFAULTS, DEFAULTS_AS_OF);
    }

    /**
     * The default prices, each replaced or joined by the one configured under the same key.
     *
     * @param asOf when the configured prices were read, for the basis of every cost; absent keeps the defaults' date
     */
    public static PriceTable of(Map<String, Price> configured, @Nullable String asOf) {
        var prices = new LinkedHashMap<>(DEFAULTS);
        configured.forEach((key, price) -> prices.put(key.strip().toLowerCase(Locale.ROOT), price));
        boolean changed = !configured.isEmpty();
        return new PriceTable(prices,
                asOf != null ? asOf : changed ? DEFAULTS_AS_OF + " and configured" : DEFAULTS_AS_OF);
    }

    /**
     * The price of a provider's model: the model's own, else the provider's catch-all.
     *
     * @return empty for a provider the table does not know
     */
    public Optional<Price> price(String provider, @Nullable String model) {
        String key = provider.toLowerCase(Locale.ROOT);
        if (model != null) {
            var own = prices.get(key + "/" + model.toLowerCase(Locale.ROOT));
            if (own != null) {
                return Optional.of(own);
            }
        }
        return Optional.ofNullable(prices.get(key));
    }

    /**
     * What {@code images} images of {@code width} x {@code height} cost on the provider's model.
     *
     * @return empty for a provider the table does not know: no price is better than a wrong one
     */
    public Optional<Cost> cost(String provider, @Nullable String model, int images, int width, int height) {
        return price(provider, model).map(price -> {
            var megapixels = BigDecimal.valueOf((long) width * height)
                    .divide(PIXELS_PER_MEGAPIXEL, 6, RoundingMode.HALF_UP);
            var each = price.perImage().add(price.perMegapixel().multiply(megapixels));
            var usd = each.multiply(BigDecimal.valueOf(images)).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
            String name = model == null ? provider : provider + "/" + model;
            return new Cost(usd.signum() == 0 ? BigDecimal.ZERO : usd, "%s: %d image%s of %dx%d at %s (prices of %s)"
                    .formatted(name, images, images == 1 ? "" : "s", width, height, price.describe(), asOf));
        });
    }

    /**
     * One model's price.
     *
     * @param perImage US dollars for each image
     * @param perMegapixel US dollars for each megapixel of each image, for providers that bill by size
     */
    public record Price(BigDecimal perImage, BigDecimal perMegapixel) {

        public Price {
            perImage = perImage == null ? BigDecimal.ZERO : perImage;
            perMegapixel = perMegapixel == null ? BigDecimal.ZERO : perMegapixel;
            if (perImage.signum() < 0 || perMegapixel.signum() < 0) {
                throw new IllegalArgumentException("prices are never negative");
            }
        }

        static Price perImage(String usd) {
            return new Price(new BigDecimal(usd), BigDecimal.ZERO);
        }

        String describe() {
            if (perMegapixel.signum() == 0) {
                return perImage.toPlainString() + " USD an image";
            }
            String size = perMegapixel.toPlainString() + " USD a megapixel";
            return perImage.signum() == 0 ? size : perImage.toPlainString() + " USD an image and " + size;
        }
    }

    private static Map<String, Price> defaults() {
        var prices = new LinkedHashMap<String, Price>();
        // Drawn in the worker's own JVM.
        prices.put("local", Price.perImage("0"));
        // Replicate's official FLUX models are billed by output image; SDXL by GPU time, about this much an image.
        prices.put("replicate/flux-schnell", Price.perImage("0.003"));
        prices.put("replicate/flux-dev", Price.perImage("0.025"));
        prices.put("replicate/flux-1.1-pro", Price.perImage("0.04"));
        prices.put("replicate/sdxl", Price.perImage("0.0045"));
        prices.put("replicate", Price.perImage("0.003"));
        // Stability's credits at 0.01 USD each: Core 3, Ultra 8, SD 3.5 Large 6.5, Medium 3.5, SDXL 1.0 about 0.9.
        prices.put("stability/core", Price.perImage("0.03"));
        prices.put("stability/ultra", Price.perImage("0.08"));
        prices.put("stability/sd3.5-large", Price.perImage("0.065"));
        prices.put("stability/sd3.5-medium", Price.perImage("0.035"));
        prices.put("stability/stable-diffusion-xl-1024-v1-0", Price.perImage("0.009"));
        prices.put("stability", Price.perImage("0.03"));
        // Hugging Face bills inference by compute time; these are its typical cost an image on its own hardware.
        prices.put("huggingface/stabilityai/stable-diffusion-xl-base-1.0", Price.perImage("0.002"));
        prices.put("huggingface/black-forest-labs/flux.1-schnell", Price.perImage("0.0014"));
        prices.put("huggingface/black-forest-labs/flux.1-dev", Price.perImage("0.012"));
        prices.put("huggingface", Price.perImage("0.002"));
        return Map.copyOf(prices);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof PriceTable table && table.prices.equals(prices) && table.asOf.equals(asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prices, asOf);
    }
}
