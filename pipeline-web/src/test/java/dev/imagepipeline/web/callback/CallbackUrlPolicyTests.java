package dev.imagepipeline.web.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTests {

    private final CallbackUrlPolicy policy = new CallbackUrlPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/hooks/images?token=abc", "http://93.184.216.34:8080/hook",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/hook", "HTTPS://Shop.Example/", "http://172.32.0.1/",
            "http://100.128.0.1/", "http://11.0.0.1/", "http://192.169.0.1/", "http://shop.example:65535/",
            "https://api.shop.example./hooks"})
    void acceptsAPublicHttpUrl(String url) {
        assertThat(policy.check(url)).hasToString(url);
    }

    @Nested
    class RefusesASpecialAddress {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                http://127.0.0.1/hook                 | a loopback address
                http://127.255.255.254:8080/          | a loopback address
                http://[::1]/                         | a loopback address
                http://[0:0:0:0:0:0:0:1]/             | a loopback address
                http://10.1.2.3/                      | a private address
                http://172.16.0.1/                    | a private address
                http://172.31.255.255/                | a private address
                http://192.168.1.1/                   | a private address
                http://100.64.0.1/                    | a private address
                http://[fc00::1]/                     | a private address
                http://[fd12:3456:789a::1]/           | a private address
                http://169.254.1.1/                   | a link-local address
                http://[fe80::1]/                     | a link-local address
                http://169.254.169.254/latest/meta-data | a cloud metadata address
                http://169.254.170.2/v2/credentials   | a cloud metadata address
                http://100.100.100.200/               | a cloud metadata address
                http://[fd00:ec2::254]/               | a cloud metadata address
                http://0.0.0.0/                       | an unspecified address
                http://[::]/                          | an unspecified address
                http://224.0.0.1/                     | a multicast address
                http://[ff02::1]/                     | a multicast address
                http://255.255.255.255/               | a reserved address
                http://240.0.0.1/                     | a reserved address
                http://[::ffff:127.0.0.1]/            | a loopback address
                http://[::ffff:7f00:1]/               | a loopback address
                http://[::ffff:169.254.169.254]/      | a cloud metadata address
                http://[::127.0.0.1]/                 | a loopback address
                http://[64:ff9b::a9fe:a9fe]/          | a cloud metadata address
                http://[64:ff9b::10.0.0.1]/           | a private address
                http://[2002:7f00:1::1]/              | a loopback address
                http://[2002:c0a8:101::1]/            | a private address
                """)
        void givenAsALiteral(String url, String kind) {
            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining(" is " + kind + ";");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost/", "http://LOCALHOST:8080/", "http://localhost./",
                "http://api.localhost/", "http://localhost.localdomain/"})
        void givenAsLocalhost(String url) {
            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("a loopback address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://metadata.google.internal/computeMetadata/v1/", "http://metadata.goog/",
                "http://Metadata/", "http://instance-data/", "http://instance-data.ec2.internal./"})
        void givenAsAMetadataHostName(String url) {
            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("a cloud metadata host");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
                "http://017700000001/", "http://127.0.0.01/", "http://0/"})
        void givenAsANumberResolversReadDifferently(String url) {
            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("not an IPv4 address written as four decimal numbers");
        }

        @Test
        void givenWithAZone() {
            assertThatThrownBy(() -> policy.check("http://[fe80::1%25eth0]/"))
                    .isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("not an IPv6 address without a zone");
        }
    }

    @Nested
    class RefusesAMalformedUrl {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                ftp://shop.example/hook               | must be an absolute http or https URL
                javascript:alert(1)                   | must be an absolute http or https URL
                /hooks/images                         | must be an absolute http or https URL
                file:///etc/passwd                    | must be an absolute http or https URL
                https://user:secret@shop.example/     | must not carry user information
                https://shop.example@127.0.0.1/       | must not carry user information
                http:///hook                          | has no valid host
                http://127.1/                         | has no valid host
                http://0x7f.0.0.1/                    | has no valid host
                http://1.2.3.4.5/                     | has no valid host
                http://shop_example.com/              | has no valid host
                http://shop.example:0/                | has an invalid port
                http://shop.example:99999/            | has an invalid port
                http://shop.example\\@127.0.0.1/      | is not a valid URL
                http://shop.example/a b               | is not a valid URL
                """)
        void naming(String url, String reason) {
            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining(reason);
        }

        @Test
        void longerThanTheLimit() {
            String url = "https://shop.example/" + "a".repeat(CallbackUrlPolicy.MAX_LENGTH);

            assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("longer than 2048 characters");
        }

        @Test
        void withoutQuotingItsPathOrQuery() {
            assertThatThrownBy(() -> policy.check("http://127.0.0.1/hooks?token=s3cr3t"))
                    .hasMessageNotContaining("s3cr3t")
                    .hasMessageNotContaining("hooks");
        }
    }

    @Nested
    class AllowsTheNetworksConfigurationNames {

        private final CallbackUrlPolicy loopbackAllowed = new CallbackUrlPolicy(List.of("127.0.0.0/8", "::1"));

        @Test
        void andNoOther() {
            assertThat(loopbackAllowed.check("http://127.0.0.1:8080/hook")).isNotNull();
            assertThat(loopbackAllowed.check("http://[::1]:8080/hook")).isNotNull();
            assertThat(loopbackAllowed.check("http://localhost:8080/hook")).isNotNull();
            assertThatThrownBy(() -> loopbackAllowed.check("http://10.0.0.1/"))
                    .isInstanceOf(RefusedCallbackException.class);
            assertThatThrownBy(() -> loopbackAllowed.check("http://169.254.169.254/"))
                    .isInstanceOf(RefusedCallbackException.class);
        }

        @Test
        void treatingLocalhostAsBothLoopbackAddresses() {
            var ipv4Only = new CallbackUrlPolicy(List.of("127.0.0.0/8"));

            assertThat(ipv4Only.check("http://127.0.0.1/")).isNotNull();
            assertThatThrownBy(() -> ipv4Only.check("http://localhost/")).hasMessageContaining("a loopback address");
        }

        @Test
        void byPrefixLength() {
            var narrow = new CallbackUrlPolicy(List.of("10.20.0.0/23", "fd00:1::/64"));

            assertThat(narrow.check("http://10.20.1.255/")).isNotNull();
            assertThat(narrow.check("http://[fd00:1::5]/")).isNotNull();
            assertThatThrownBy(() -> narrow.check("http://10.20.2.0/")).hasMessageContaining("a private address");
            assertThatThrownBy(() -> narrow.check("http://[fd00:2::5]/")).hasMessageContaining("a private address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "0x7f000001/8", ""})
        void refusingSomethingThatIsNotANetworkAtStartup(String network) {
            assertThatThrownBy(() -> new CallbackUrlPolicy(List.of(network)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ChecksWhatAHostResolvedTo {

        @Test
        void refusingTheHostWhenAnyAddressIsSpecial() throws Exception {
            var addresses = List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7"));

            assertThatThrownBy(() -> policy.checkResolved("rebinding.example", addresses))
                    .isInstanceOf(RefusedCallbackException.class)
                    .hasMessageContaining("rebinding.example (10.0.0.7) is a private address");
        }

        @Test
        void acceptingPublicAddresses() throws Exception {
            policy.checkResolved("shop.example",
                    List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:2800:220::1")));
        }
    }
}
