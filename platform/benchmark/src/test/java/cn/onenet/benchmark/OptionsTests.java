package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void hasTheDocumentedDefaults() {
        Options options = Options.parse();

        assertThat(options.target()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.rate()).isEqualTo(1000);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(options.compareDirect()).isNull();
        assertThat(options.out()).isEqualTo(Path.of("target", "bench"));
        assertThat(options.pids()).isNull();
        assertThat(options.issuer()).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void takesAnotherIdentityProviderOrNone() {
        assertThat(Options.parse("--issuer", "https://sso.example.gov.cn/realms/onenet/").issuer())
            .isEqualTo("https://sso.example.gov.cn/realms/onenet");
        assertThat(Options.parse("--issuer=none").issuer()).isNull();
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        Options options = Options.parse("--rate", "2000", "--duration=30s", "--warmup", "1500ms",
                "--compare-direct", "http://127.0.0.1:8081/", "--pids", "gateway=1,intake=2", "--max-outstanding=50",
                "--out", "/tmp/x", "--dispatch-wait", "1m");

        assertThat(options.rate()).isEqualTo(2000);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.compareDirect()).isEqualTo("http://127.0.0.1:8081");
        assertThat(options.pids()).containsEntry("intake", 2L);
        assertThat(options.maxOutstanding()).isEqualTo(50);
        assertThat(options.dispatchWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(Options.portOf(options.compareDirect())).isEqualTo(8081);
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> Options.parse("--rate", "-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> Options.parse("--duration", "soon")).hasMessageContaining("60s");
        assertThatThrownBy(() -> Options.parse("--target", "localhost:8080")).hasMessageContaining("http://");
        assertThatThrownBy(() -> Options.parse("--frobnicate", "1")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> Options.parse("--rate")).hasMessageContaining("needs a value");
    }
}
