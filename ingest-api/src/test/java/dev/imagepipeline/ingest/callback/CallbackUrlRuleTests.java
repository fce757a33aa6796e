package dev.imagepipeline.ingest.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.RejectedFieldException;

class CallbackUrlRuleTests {

    private final CallbackUrlRule rule = rule();

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/hooks/images?token=abc", "http://93.184.216.34:8080/hook",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/hook", "HTTPS://Shop.Example/", "http://172.32.0.1/",
            "http://100.128.0.1/", "https://api.shop.example./hooks"})
    void acceptsAPublicHttpUrl(String url) {
        assertThatCode(() -> rule.check(url)).doesNotThrowAnyException();
    }

    @Test
    void acceptsNoUrlAtAll() {
        assertThatCode(() -> rule.check(null)).doesNotThrowAnyException();
    }

    @Nested
    class RefusesASpecialAddress {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                http://127.0.0.1/hook                 | a loopback address
                http://[::1]/                         | a loopback address
                http://10.1.2.3/                      | a private address
                http://172.16.0.1/                    | a private address
                http://192.168.1.1/                   | a private address
                http://100.64.0.1/                    | a private address
                http://[fd12:3456:789a::1]/           | a private address
                http://169.254.1.1/                   | a link-local address
                http://[fe80::1]/                     | a link-local address
                http://169.254.169.254/latest/meta-data | a cloud metadata address
                http://[fd00:ec2::254]/               | a cloud metadata address
                http://0.0.0.0/                       | an unspecified address
                http://[::]/                          | an unspecified address
                http://224.0.0.1/                     | a multicast address
                http://[ff02::1]/                     | a multicast address
                http://255.255.255.255/               | a reserved address
                http://[::ffff:127.0.0.1]/            | a loopback address
                http://[::ffff:a9fe:a9fe]/            | a cloud metadata address
                http://[64:ff9b::10.0.0.1]/           | a private address
                http://[2002:7f00:1::1]/              | a loopback address
                """)
        void givenAsALiteral(String url, String kind) {
            assertRefused(url, " is " + kind + ";");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost/", "http://LOCALHOST:8080/", "http://localhost./",
                "http://api.localhost/"})
        void givenAsLocalhost(String url) {
            assertRefused(url, "a loopback address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://metadata.google.internal/computeMetadata/v1/", "http://metadata.goog/",
                "http://instance-data/"})
        void givenAsAMetadataHostName(String url) {
            assertRefused(url, "a cloud metadata host");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
                "http://017700000001/", "http://127.0.0.01/"})
        void givenAsANumberResolversReadDifferently(String url) {
            assertRefused(url, "not an IPv4 address written as four decimal numbers");
        }

        @Test
        void givenWithAZone() {
            assertRefused("http://[fe80::1%25eth0]/", "not an IPv6 address without a zone");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ftp://shop.example/hook               | must be an absolute http or https URL
            javascript:alert(1)                   | must be an absolute http or https URL
            /hooks/images                         | must be an absolute http or https URL
            https://user:secret@shop.example/     | must not carry user information
            http:///hook                          | has no valid host
            http://127.1/                         | has no valid host
            http://shop.example:99999/            | has an invalid port
            http://shop.example/a b               | is not a valid URL
            """)
    void refusesAMalformedUrl(String url, String reason) {
        assertRefused(url, reason);
    }

    @Test
    void neverQuotesThePathOrQuery() {
        assertThatThrownBy(() -> rule.check("http://10.0.0.1/hooks?token=s3cr3t")).hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("hooks");
    }

    @Test
    void allowsTheNetworksConfigurationNamesAndNoOther() {
        var loopbackAllowed = rule("127.0.0.0/8", "::1/128");

        assertThatCode(() -> loopbackAllowed.check("http://127.0.0.1:8080/hook")).doesNotThrowAnyException();
        assertThatCode(() -> loopbackAllowed.check("http://localhost:8080/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackAllowed.check("http://10.0.0.1/")).isInstanceOf(RejectedFieldException.class);
        assertThatThrownBy(() -> loopbackAllowed.check("http://169.254.169.254/"))
                .isInstanceOf(RejectedFieldException.class);
    }

    @Test
    void refusesANetworkThatIsNotOne() {
        assertThatThrownBy(() -> rule("intranet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String url, String reason) {
        assertThatThrownBy(() -> rule.check(url))
                .isInstanceOfSatisfying(RejectedFieldException.class,
                        rejected -> assertThat(rejected.field()).isEqualTo("callbackUrl"))
                .hasMessageContaining(reason);
    }

    private static CallbackUrlRule rule(String... allowedNetworks) {
        return new CallbackUrlRule(new IngestApiSettings(List.of(), List.of(allowedNetworks)));
    }
}
