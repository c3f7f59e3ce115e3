package cn.onenet.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    @Test
    void signsTimestampDotBodyWithHmacSha256OfTheSecret() {
        // expected value computed with: printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac '<secret>'
        String signature = WebhookSignature.sign("a-secret-of-32-characters-long!!", "1700000000",
                "{\"orderId\":\"42\",\"sequence\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=9dc874b9c668459d6d95479d1d7a8f8fd8cfbc84d28a1cad7ce1a68399b89366");
    }

    @Test
    void aDifferentTimestampOrSecretGivesADifferentSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("0123456789abcdef", "1700000000", body);

        assertThat(WebhookSignature.sign("0123456789abcdef", "1700000001", body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("0123456789abcdeF", "1700000000", body)).isNotEqualTo(signature);
    }
}
