package dev.imagepipeline.web.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SigningSecretTests {

    private static final String SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final String KEY_HEX = "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f";

    @Test
    void decodesTheKeyAfterTheWhsecPrefix() {
        assertThat(HexFormat.of().formatHex(SigningSecret.parse(SECRET).key())).isEqualTo(KEY_HEX);
    }

    @Test
    void acceptsTheKeyWithoutItsPrefix() {
        assertThat(SigningSecret.parse(SECRET.substring("whsec_".length())).key())
                .isEqualTo(SigningSecret.parse(SECRET).key());
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(SigningSecret.parse(SECRET).toString()).doesNotContain(SECRET.substring("whsec_".length()))
                .isEqualTo("whsec_******");
    }

    @Test
    void refusesASecretThatIsNotBase64WithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningSecret.parse("whsec_not*base64!"))
                .withMessageNotContaining("not*base64!");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningSecret.parse("whsec_"));
    }
}
