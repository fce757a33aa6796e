package dev.imagepipeline.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.CatalogId;

class IdempotencyKeyTests {

    @Test
    void namesTheSameJobForTheSameKeyOfTheSameClient() {
        assertThat(IdempotencyKey.job("order-17", "shop-a")).isEqualTo(IdempotencyKey.job("order-17", "shop-a"));
    }

    @Test
    void namesAnotherJobAndCatalogForTheSameKeyOfAnotherClient() {
        assertThat(IdempotencyKey.job("order-17", "shop-a")).isNotEqualTo(IdempotencyKey.job("order-17", "shop-b"))
                .isNotEqualTo(IdempotencyKey.job("order-17", null));
        assertThat(CatalogId.forKey(IdempotencyKey.scoped("spring", "shop-a")))
                .isNotEqualTo(CatalogId.forKey(IdempotencyKey.scoped("spring", "shop-b")));
    }

    @Test
    void keepsTheKeyAsSentWithoutAClient() {
        assertThat(IdempotencyKey.scoped("spring", null)).isEqualTo("spring");
    }
}
