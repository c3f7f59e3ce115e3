package cn.onenet.platform.pii;

import cn.onenet.contracts.HalfWidth;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level protection of personal data (phone and ID numbers): {@link #seal} encrypts with AES-256-GCM under a
 * fresh 96-bit nonce into {@code pii:v1:<base64 nonce|ciphertext|tag>}, {@link #open} reverses it (and passes a
 * value that was never sealed through unchanged, for data older than the protection), and {@link #lookupHash}
 * gives the keyed hash (HMAC-SHA256) that finds a caller's earlier requests without storing the number in clear.
 */
public class PersonalData {

    /** What every sealed value starts with. */
    public static final String PREFIX = "pii:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern NOT_A_DIGIT = Pattern.compile("\\D");

    private final SecretKeySpec key;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random = new SecureRandom();
    /** A provider lookup of a cipher or a MAC cost more than its use: one of each per thread, keyed per use. */
    private final ThreadLocal<Cipher> ciphers =
            ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private final ThreadLocal<Mac> macs;

    public PersonalData(PersonalDataProperties properties) {
        this.key = new SecretKeySpec(decode(properties.key(), "onenet.pii.key"), "AES");
        this.lookupKey = new SecretKeySpec(decode(properties.lookupKey(), "onenet.pii.lookup-key"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> instance(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return mac;
        }));
    }

    public String seal(String clear) {
        if (clear == null || isSealed(clear)) {
            return clear;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Personal data can't be sealed", ex);
        }
    }

    /** The clear value; one that was never sealed comes back as it is. */
    public String open(String value) {
        if (value == null || !isSealed(value)) {
            return value;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Personal data can't be opened (another key?)", ex);
        }
    }

    /** The keyed hash of a phone number, digits only, so {@code 138 0013 8000} and {@code 13800138000} match. */
    public String lookupHash(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = NOT_A_DIGIT.matcher(HalfWidth.of(open(phone))).replaceAll("");
        if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return HexFormat.of().formatHex(macs.get().doFinal(digits.getBytes(StandardCharsets.UTF_8)));
    }

    private interface Instance<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Instance<T> instance) {
        try {
            return instance.get();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM and HMAC-SHA256 are part of every Java runtime", ex);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static byte[] decode(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(property + " must be base64 of 32 random bytes", ex);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be base64 of 32 random bytes, not " + bytes.length);
        }
        return bytes;
    }
}
