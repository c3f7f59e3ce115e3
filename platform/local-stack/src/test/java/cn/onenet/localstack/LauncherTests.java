package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTests {

    @TempDir
    Path home;

    @Test
    void defaultsToTheCurrentDirectoryAndItsDataDir() {
        Launcher.Options options = Launcher.Options.parse();

        assertThat(options.home()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(options.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
        assertThat(options.inMemoryStore()).isFalse();
        assertThat(options.serviceJvmOptions()).isEqualTo(Suite.DEFAULT_JVM_OPTIONS);
        assertThat(options.classDataSharing()).isTrue();
        assertThat(options.help()).isFalse();
    }

    @Test
    void turnsClassDataSharingOff() {
        assertThat(Launcher.Options.parse("--no-class-data-sharing").classDataSharing()).isFalse();
        assertThatThrownBy(() -> Launcher.Options.parse("--no-class-data-sharing=yes"))
                .hasMessageContaining("takes no value");
        assertThat(Launcher.classDataRoot(home)).isEqualTo(home.resolve("target").resolve("class-data"));
    }

    @Test
    void acceptsHomeAndDataDirInBothForms() {
        Launcher.Options spaced = Launcher.Options.parse("--home", home.toString(), "--in-memory-store");
        Launcher.Options inline = Launcher.Options.parse("--home=" + home, "--data-dir=" + home.resolve("d"));

        assertThat(spaced.home()).isEqualTo(home);
        assertThat(spaced.dataDir()).isEqualTo(home.resolve("data"));
        assertThat(spaced.inMemoryStore()).isTrue();
        assertThat(inline.dataDir()).isEqualTo(home.resolve("d"));
    }

    @Test
    void takesTheServicesJvmOptionsAsOneValue() {
        Launcher.Options options = Launcher.Options.parse("--service-jvm-options", " -Xmx384m  -XX:+UseParallelGC ");

        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx384m", "-XX:+UseParallelGC");
        assertThat(options.jvmOptionsByService()).isEmpty();
    }

    @Test
    void takesOneServicesJvmOptionsApart() {
        Launcher.Options options = Launcher.Options.parse("--service-jvm-options-gateway", "-Xmx256m -XX:+UseSerialGC",
                "--service-jvm-options=-Xmx300m", "--service-jvm-options-routing-service=-Xmx400m");

        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx300m");
        assertThat(options.jvmOptionsByService()).containsOnly(
                entry(Suite.GATEWAY, List.of("-Xmx256m", "-XX:+UseSerialGC")), entry(Suite.ROUTING, List.of("-Xmx400m")));
        assertThatThrownBy(() -> Launcher.Options.parse("--service-jvm-options-gatway", "-Xmx256m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown service in --service-jvm-options-gatway: one of identity, ");
        assertThatThrownBy(() -> Launcher.Options.parse("--service-jvm-options-gateway"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> Launcher.Options.parse("--port", "80"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option: --port");
        assertThatThrownBy(() -> Launcher.Options.parse("--home"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--home needs a value");
        assertThatThrownBy(() -> Launcher.Options.parse("--home", "--in-memory-store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--home needs a value");
        assertThatThrownBy(() -> Launcher.Options.parse("--in-memory-store=yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no value");
    }

    @Test
    void listsTheServiceJarsThatAreMissing() {
        TestSupport.fakeHome(home, List.of(Suite.ROUTING));

        assertThat(Launcher.missingJars(home)).containsExactly(
                home.resolve("platform/identity/target/identity.jar"),
                home.resolve("request-intake-service/target/request-intake-service.jar"),
                home.resolve("gateway/target/gateway.jar"));
    }

    @Test
    void drawsABoxWithAlignedBorders() {
        String box = Launcher.box(List.of("OneNetwork is running", "", "Kafka       127.0.0.1:9092"));

        List<String> lines = box.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(1)).isEqualTo("│ OneNetwork is running      │");
    }
}
