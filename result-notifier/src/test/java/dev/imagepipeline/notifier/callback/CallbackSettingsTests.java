package dev.imagepipeline.notifier.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.notifier.ResultNotifierSettings.Callbacks;

class CallbackSettingsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CallbackDeliveriesTests.Settings.class);

    @Test
    void bindsToTheDefaultsWithoutConfiguration() {
        runner.run(context -> assertThat(context.getBean(ResultNotifierSettings.class).callbacks())
                .isEqualTo(Callbacks.defaults()));
    }

    @Test
    void bindsEverySettingAndNeverPrintsASecret() {
        runner.withPropertyValues("pipeline.result-notifier.callbacks.signing-secret=whsec_c2VjcmV0",
                "pipeline.result-notifier.callbacks.client-signing-secrets.acme=whsec_YWNtZQ==",
                "pipeline.result-notifier.callbacks.events=all",
                "pipeline.result-notifier.callbacks.allowed-networks=10.0.0.0/8,::1",
                "pipeline.result-notifier.callbacks.retry-for=30m").run(context -> {
                    var settings = context.getBean(ResultNotifierSettings.class);
                    var callbacks = settings.callbacks();

                    assertThat(callbacks.events()).isEqualTo(Callbacks.Events.ALL);
                    assertThat(callbacks.allowedNetworks()).containsExactly("10.0.0.0/8", "::1");
                    assertThat(callbacks.clientSigningSecrets()).containsOnlyKeys("acme");
                    assertThat(callbacks.retryFor()).hasMinutes(30);
                    assertThat(settings.toString()).doesNotContain("c2VjcmV0", "YWNtZQ").contains("acme");
                });
    }

    @Test
    void refusesANetworkThatIsNotOneAtStartup() {
        runner.withUserConfiguration(ResultNotifierCallbackConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("pipeline.result-notifier.callbacks.allowed-networks=intranet")
                .run(context -> assertThat(context).hasFailed());
    }
}
