package cn.onenet.intake.submission;

import cn.onenet.contracts.TrackingNumber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The number a caller reads out over the phone: 16 digits and a Luhn check digit, so a misheard or mistyped
 * digit is caught at once ({@link TrackingNumber} checks the form). It is derived from the request id, so a repeated
 * submission gets the same number without intake keeping state; routing-service keeps numbers unique (see its
 * work-order store).
 */
public final class TrackingNumbers {

    private static final long BOUND = 10_000_000_000_000_000L;

    public static String forRequest(UUID requestId) {
        byte[] sha256 = Digests.sha256().digest(requestId.toString().getBytes(StandardCharsets.UTF_8));
        long hash = ByteBuffer.wrap(sha256).getLong() & Long.MAX_VALUE;
        // zero-padded by hand: String.format parses its pattern on every call, 3 % of intake's request threads
        String number = Long.toString(hash % BOUND);
        String digits = "0".repeat(16 - number.length()) + number;
        return digits + TrackingNumber.checkDigit(digits);
    }

    private TrackingNumbers() {
    }
}
