package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagepipeline.reliability.Pipeline.Service;

/**
 * The distributed layout's files, checked against the code, since Docker does not run here: {@code docker-compose.yml}
 * (its services, ports, health checks, and that every variable it sets is one the service reads and every secret a
 * service reads is offered), {@code .env.example}, and {@code deploy/nginx.conf} (every path a controller serves is
 * routed to the service that serves it). {@link DistributedLayoutIntegrationTests} runs the same layout.
 */
class DistributedLayoutTests {

    static final Path ROOT = Path.of(System.getProperty("reliability.root", "..")).toAbsolutePath().normalize();
    private static final ComposeFile COMPOSE = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
    private static final NginxConf NGINX = NginxConf.read(ROOT.resolve("deploy/nginx.conf"));
    private static final Set<String> BOOT_PROPERTIES = RelaxedNames.bootProperties();
    private static final Pattern SECRET = Pattern.compile(".*_(TOKEN|SECRET|KEY|KEYS)");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");

    static Stream<ServiceSources> services() {
        return Stream.of(Service.values()).map(service -> ServiceSources.of(ROOT, service.module));
    }

    private static String healthcheck(String service) {
        return String.join(" ", strings(COMPOSE.at(service, "healthcheck.test")));
    }

    private static List<String> strings(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return ((List<?>) list).stream().map(Object::toString).toList();
    }

    @Nested
    class Services {

        @Test
        void runsTheBrokerFromTheOfficialImageAtTheVersionTheTestsRun() {
            assertThat(COMPOSE.at("kafka", "image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
            assertThat(COMPOSE.at("kafka", "environment.KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(healthcheck("kafka")).contains("--bootstrap-server localhost:9092");
            assertThat(strings(COMPOSE.at("kafka", "volumes")))
                    .anyMatch(volume -> volume.endsWith(":" + COMPOSE.at("kafka", "environment.KAFKA_LOG_DIRS")));
        }

        @ParameterizedTest
        @MethodSource("dev.imagepipeline.reliability.DistributedLayoutTests#services")
        void buildsEachServiceFromTheRepositoryWithItsModule(ServiceSources service) throws IOException {
            assertThat(COMPOSE.at(service.module(), "build.context")).isEqualTo(".");
            assertThat(COMPOSE.at(service.module(), "build.args.MODULE")).isEqualTo(service.module());
            assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("ARG MODULE",
                    "-pl \"$MODULE\" -am package",
                    // The health checks run curl inside the service's container.
                    "apt-get install -y --no-install-recommends curl");
        }

        @ParameterizedTest
        @MethodSource("dev.imagepipeline.reliability.DistributedLayoutTests#services")
        void checksEachServicesReadinessOnItsOwnPortOnceTheBrokerIsHealthy(ServiceSources service) {
            assertThat(healthcheck(service.module()))
                    .contains("http://localhost:" + service.port() + "/actuator/health/readiness");
            assertThat(COMPOSE.at(service.module(), "depends_on.kafka.condition")).isEqualTo("service_healthy");
        }

        @Test
        void restartsEveryContainerAndChecksItsHealth() {
            COMPOSE.services().forEach((name, service) -> {
                assertThat(service.get("restart")).as(name).isIn("unless-stopped", "always", "on-failure");
                assertThat(service.get("healthcheck")).as(name).isNotNull();
            });
        }

        @Test
        void publishesOnlyTheGatewaysPort() {
            var published = COMPOSE.services()
                    .entrySet()
                    .stream()
                    .filter(service -> service.getValue().containsKey("ports"))
                    .collect(Collectors.toMap(Map.Entry::getKey, service -> strings(service.getValue().get("ports"))));

            assertThat(published).isEqualTo(Map.of("gateway", List.of("8080:8080")));
        }

        @Test
        void startsTheGatewayWithTheRoutingFileOnceEveryServiceIsReady() {
            for (var service : Service.values()) {
                assertThat(COMPOSE.at("gateway", "depends_on." + service.module + ".condition")).as(service.module)
                        .isEqualTo("service_healthy");
            }
            assertThat(strings(COMPOSE.at("gateway", "volumes")))
                    .contains("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro");
        }
    }

    @Nested
    class Environment {

        @ParameterizedTest
        @MethodSource("dev.imagepipeline.reliability.DistributedLayoutTests#services")
        void setsOnlyVariablesTheServiceReads(ServiceSources service) {
            var read = service.variables();
            var relaxed = new RelaxedNames(service, BOOT_PROPERTIES);

            assertThat(COMPOSE.environment(service.module())).isNotEmpty()
                    .allSatisfy(variable -> assertThat(read.contains(variable) || relaxed.binds(variable))
                            .as("%s reads %s", service.module(), variable)
                            .isTrue());
        }

        @ParameterizedTest
        @MethodSource("dev.imagepipeline.reliability.DistributedLayoutTests#services")
        void offersEverySecretTheServiceReads(ServiceSources service) {
            var secrets = service.variables().stream().filter(name -> SECRET.matcher(name).matches()).toList();

            assertThat(secrets).contains("PIPELINE_API_KEYS");
            assertThat(COMPOSE.environment(service.module())).containsAll(secrets);
        }

        @Test
        void takesFromTheEnvFileExactlyWhatEnvExampleDeclares() throws IOException {
            var declared = new TreeSet<String>();
            for (var line : Files.readAllLines(ROOT.resolve(".env.example"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    declared.add(line.substring(0, line.indexOf('=')));
                }
            }

            assertThat(COMPOSE.interpolated()).isEqualTo(declared);
        }

        @Test
        void keepsTheEnvFileOutOfGitAndOutOfTheImages() throws IOException {
            assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
            assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(".env");
        }
    }

    @Nested
    class Gateway {

        @ParameterizedTest
        @MethodSource("dev.imagepipeline.reliability.DistributedLayoutTests#services")
        void routesEveryPathAServiceServesToThatService(ServiceSources service) {
            var mappings = service.mappings();

            assertThat(mappings).isNotEmpty().allSatisfy(mapping -> {
                String path = PATH_VARIABLE.matcher(mapping.path()).replaceAll("0b5e1d7c-sample");
                assertThat(NGINX.route(path).flatMap(NginxConf.Location::upstream)).as("%s %s", mapping.method(), path)
                        .contains(service.module() + ":" + service.port());
            });
        }

        @Test
        void proxiesOnlyToServicesOfTheComposeFile() {
            var upstreams = NGINX.locations().stream().flatMap(location -> location.upstream().stream()).toList();
            var services = services().map(service -> service.module() + ":" + service.port()).toList();

            assertThat(upstreams).isNotEmpty().allSatisfy(upstream -> assertThat(services).contains(upstream));
        }

        @Test
        void keepsTheServicesActuatorEndpointsPrivate() {
            assertThat(NGINX.route("/actuator/health"))
                    .hasValueSatisfying(location -> assertThat(location.upstream()).isEmpty());
            assertThat(NGINX.route("/api/generate/0b5e1d7c-sample/cancel").flatMap(NginxConf.Location::upstream))
                    .contains("result-notifier:8085");
        }
    }
}
