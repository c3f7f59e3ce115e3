package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteTests {

    @TempDir
    Path home;

    @Test
    void startsEverythingWithTheContractArgumentsAndStopsItOnClose() {
        TestSupport.fakeHome(home, Suite.SERVICE_NAMES);
        Suite suite = Suite.builder(home).inMemoryStore(true).jvmOptions(TestSupport.SMALL_JVM).build();
        try (suite) {
            suite.start();

            assertThat(suite.broker().isRunning()).isTrue();
            assertThat(suite.store().isRunning()).isTrue();
            assertThat(suite.services()).allSatisfy(service -> assertThat(service.isAlive()).isTrue());
            ServiceProcess intake = suite.service(Suite.INTAKE);
            ServiceProcess routing = suite.service(Suite.ROUTING);
            ServiceProcess gateway = suite.service(Suite.GATEWAY);
            assertThat(suite.gatewayUrl()).isEqualTo("http://127.0.0.1:" + gateway.port());
            ServiceProcess identity = suite.service(Suite.IDENTITY);
            String trustIssuer = "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:" + identity.port();
            assertThat(suite.issuerUrl()).isEqualTo("http://127.0.0.1:" + identity.port());
            assertThat(arguments(identity)).containsExactly(
                    "--server.port=" + identity.port(),
                    "--onenet.identity.issuer=http://127.0.0.1:" + identity.port(),
                    "--onenet.identity.key-file=" + home.resolve("data/identity/signing-key.json"),
                    "--onenet.identity.console-redirect-uris=http://127.0.0.1:" + gateway.port() + "/",
                    "--onenet.identity.console-origins=http://127.0.0.1:" + gateway.port(),
                    "--onenet.identity.departments-uri=http://127.0.0.1:" + routing.port() + "/api/v1/departments");
            // intake and routing on the loopback only: the gateway reaches them there
            assertThat(arguments(intake)).containsExactly(
                    "--server.port=" + intake.port(),
                    "--spring.kafka.bootstrap-servers=" + suite.broker().bootstrapServers(),
                    trustIssuer, "--server.address=127.0.0.1");
            assertThat(arguments(routing)).containsExactly(
                    "--server.port=" + routing.port(),
                    "--spring.kafka.bootstrap-servers=" + suite.broker().bootstrapServers(),
                    "--spring.mongodb.uri=mongodb://127.0.0.1:" + suite.store().port() + "/onenet-routing",
                    trustIssuer, "--server.address=127.0.0.1");
            assertThat(arguments(gateway)).containsExactly(
                    "--server.port=" + gateway.port(),
                    "--onenet.gateway.intake-uri=http://127.0.0.1:" + intake.port(),
                    "--onenet.gateway.routing-uri=http://127.0.0.1:" + routing.port(),
                    "--onenet.gateway.identity-uri=" + suite.issuerUrl(),
                    trustIssuer);
            assertThat(home.resolve("data/logs/gateway.log")).isRegularFile();
            assertThat(home.resolve("data/kafka/meta.properties")).isRegularFile();

            intake.kill();
            assertThat(suite.restart(intake)).as("the launcher's restart of a service that exited").isTrue();
            intake.awaitHealthy(Duration.ofSeconds(30));
            assertThat(arguments(intake)).as("the same command line").containsExactly(
                    "--server.port=" + intake.port(),
                    "--spring.kafka.bootstrap-servers=" + suite.broker().bootstrapServers(),
                    trustIssuer, "--server.address=127.0.0.1");
        }

        assertThat(suite.services()).allSatisfy(service -> assertThat(service.isAlive()).isFalse());
        ServiceProcess intake = suite.service(Suite.INTAKE);
        assertThat(suite.restart(intake)).as("a closed suite starts nothing").isFalse();
        assertThat(intake.isAlive()).isFalse();
        assertThat(suite.store().isRunning()).isFalse();
        assertThat(suite.broker().isRunning()).isFalse();
    }

    @Test
    void refusesToStartWhenAServiceJarIsMissing() {
        TestSupport.fakeHome(home, List.of(Suite.IDENTITY, Suite.INTAKE, Suite.ROUTING));
        Suite suite = Suite.builder(home).inMemoryStore(true).build();

        assertThatThrownBy(suite::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Service jar missing")
                .hasMessageContaining(home.resolve("gateway/target/gateway.jar").toString())
                .hasMessageNotContaining("routing-service.jar");
        assertThat(suite.broker().isRunning()).isFalse();
        assertThat(suite.store().isRunning()).isFalse();
    }

    @Test
    void refusesToStartWhenAPortIsBusyAndNamesIt() throws IOException {
        TestSupport.fakeHome(home, Suite.SERVICE_NAMES);
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();
            Suite suite = Suite.builder(home).inMemoryStore(true).ports(port, 0, 0, 0, 0, 0).build();

            assertThatThrownBy(suite::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port + " (gateway) is already in use");
            assertThat(suite.broker().isRunning()).isFalse();
        }
    }

    @Test
    void rejectsOnePortForTwoComponents() {
        int port = Ports.free();

        assertThatThrownBy(() -> Suite.builder(home).ports(0, port, 0, 0, 0, port).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Port " + port)
                .hasMessageContaining("document store")
                .hasMessageContaining("request intake service");
    }

    @Test
    void namesItsServicesAndRejectsOthers() {
        Suite suite = Suite.builder(home).build();

        assertThat(suite.service("routing-service").name()).isEqualTo("routing-service");
        assertThat(suite.service("request-intake-service").name()).isEqualTo("request-intake-service");
        assertThat(suite.service("gateway").name()).isEqualTo("gateway");
        assertThatThrownBy(() -> suite.service("billing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing");
    }

    @Test
    void givesOneServiceJvmOptionsOfItsOwn() {
        Suite suite = Suite.builder(home).jvmOptions(List.of("-Xmx200m"))
                .jvmOptions(Map.of(Suite.GATEWAY, List.of("-Xmx300m", "-XX:+UseSerialGC"))).build();

        assertThat(suite.service(Suite.GATEWAY).command()).contains("-Xmx300m", "-XX:+UseSerialGC")
                .doesNotContain("-Xmx200m");
        assertThat(suite.service(Suite.ROUTING).command()).contains("-Xmx200m").doesNotContain("-Xmx300m");
        assertThatThrownBy(() -> Suite.builder(home).jvmOptions(Map.of("billing", List.of("-Xmx1m"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown service billing");
    }

    @Test
    void keepsKafkaStoreAndLogsBelowTheDataDir() {
        Path dataDir = home.resolve("elsewhere");
        Suite suite = Suite.builder(home).dataDir(dataDir).build();

        assertThat(suite.broker().dataDir()).isEqualTo(dataDir.resolve("kafka"));
        assertThat(suite.store().describeBackend()).isEqualTo("H2 file " + dataDir.resolve("store/onenet.h2"));
        assertThat(suite.service(Suite.GATEWAY).logFile()).isEqualTo(dataDir.resolve("logs/gateway.log"));
        assertThat(suite.service(Suite.ROUTING).jar())
                .isEqualTo(home.resolve("routing-service/target/routing-service.jar"));
    }

    private static List<String> arguments(ServiceProcess service) {
        return TestSupport.get(service.baseUrl() + "/args").body().lines().toList();
    }
}
