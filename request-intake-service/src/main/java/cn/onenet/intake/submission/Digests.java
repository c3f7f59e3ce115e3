package cn.onenet.intake.submission;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fresh message digests for each request, copied from one made at start: {@code MessageDigest.getInstance} looks the
 * algorithm up among the security providers on every call (1 % of intake's request threads under load).
 */
final class Digests {

    private static final MessageDigest SHA_1 = prototype("SHA-1");
    private static final MessageDigest SHA_256 = prototype("SHA-256");

    static MessageDigest sha1() {
        return copy(SHA_1);
    }

    static MessageDigest sha256() {
        return copy(SHA_256);
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        }
        catch (CloneNotSupportedException ex) {
            return prototype(prototype.getAlgorithm());
        }
    }

    private static MessageDigest prototype(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", ex);
        }
    }

    private Digests() {
    }
}
