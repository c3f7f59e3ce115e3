package cn.onenet.intake.submission;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The number a caller reads out over the phone: 16 digits and a Luhn check digit, so a misheard or mistyped
 * digit is caught at once. It is derived from the request id, so a repeated submission gets the same number
 * without intake keeping state; routing-service keeps numbers unique (see its work-order store).
 */
public final class TrackingNumbers {

    private static final long BOUND = 10_000_000_000_000_000L;

    public static String forRequest(UUID requestId) {
        long hash = ByteBuffer.wrap(sha256(requestId.toString())).getLong() & Long.MAX_VALUE;
        String digits = String.format("%016d", hash % BOUND);
        return digits + checkDigit(digits);
    }

    /** True when the digits (spaces and dashes allowed) carry a correct check digit. */
    public static boolean isWellFormed(String trackingNumber) {
        String digits = trackingNumber.replaceAll("[\\s-]", "");
        return digits.matches("\\d{17}") && checkDigit(digits.substring(0, 16)) == digits.charAt(16) - '0';
    }

    static int checkDigit(String digits) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    private TrackingNumbers() {
    }
}
