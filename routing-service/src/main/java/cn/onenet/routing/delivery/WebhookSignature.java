package cn.onenet.routing.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-OneNet-Signature} of a webhook request: {@code sha256=} and the hex HMAC-SHA256 of
 * {@code <X-OneNet-Timestamp>.<body>} keyed with the endpoint's secret. A receiver recomputes it over the raw
 * body, compares in constant time and refuses old timestamps to stop replays.
 */
public final class WebhookSignature {

    public static final String PREFIX = "sha256=";

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private WebhookSignature() {
    }
}
