package dev.imagepipeline.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiClientsTests {

    @Test
    void findsTheClientOfEachKeyAndNoneForAnyOtherString() {
        var clients = ApiClients.of(List.of("shop-a:key-of-shop-a-0123456789", " shop.b : key-of-shop-b-9876543210 "));

        assertThat(clients.clientOf("key-of-shop-a-0123456789")).contains("shop-a");
        assertThat(clients.clientOf("key-of-shop-b-9876543210")).contains("shop.b");
        assertThat(clients.clientOf("key-of-shop-a-012345678")).isEmpty();
        assertThat(clients.clientOf("")).isEmpty();
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void refusesAShortKeyWithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiClients.of(List.of("shop-a:hunter2")))
                .withMessage("The API key of client 'shop-a' is shorter than 16 characters; use a long random key.")
                .withMessageNotContaining("hunter2");
    }

    @Test
    void refusesAPairWithoutANameOrAValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiClients.of(List.of("key-of-shop-a-0123456789")))
                .withMessage("The API key pair at position 1 is not name:value.");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiClients.of(List.of("shop a:key-of-shop-a-0123456789")))
                .withMessageStartingWith("The API key pair at position 1 has a name that is not");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiClients.of(List.of("shop-a:")))
                .withMessage("The API key pair at position 1 ('shop-a') has no value.");
    }

    @Test
    void refusesARepeatedNameOrKey() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> ApiClients.of(List.of("shop-a:key-of-shop-a-0123456789", "shop-a:another-key-0123456789")))
                .withMessage("API client 'shop-a' is configured twice.");
        assertThatIllegalArgumentException().isThrownBy(
                () -> ApiClients.of(List.of("shop-a:key-of-shop-a-0123456789", "shop-b:key-of-shop-a-0123456789")))
                .withMessage("API client 'shop-b' has another client's key.");
    }
}
