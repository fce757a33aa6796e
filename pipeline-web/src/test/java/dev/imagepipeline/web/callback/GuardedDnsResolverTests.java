package dev.imagepipeline.web.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class GuardedDnsResolverTests {

    @Test
    void refusesTheAddressesTheRuleRefuses() {
        var resolver = new GuardedDnsResolver(new CallbackUrlPolicy(List.of()));

        assertThatThrownBy(() -> resolver.resolve("localhost"))
                .isInstanceOf(GuardedDnsResolver.RefusedAddressException.class)
                .hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> resolver.resolve("127.0.0.1", 80))
                .isInstanceOf(GuardedDnsResolver.RefusedAddressException.class);
    }

    @Test
    void allowsWhatConfigurationAllows() throws Exception {
        var resolver = new GuardedDnsResolver(new CallbackUrlPolicy(List.of("127.0.0.0/8")));

        assertThat(resolver.resolve("127.0.0.1", 8080)).singleElement()
                .satisfies(address -> assertThat(address.getPort()).isEqualTo(8080));
    }
}
