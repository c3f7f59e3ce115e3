package cn.onenet.intake.submission;

import cn.onenet.contracts.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The id of a request. A channel's own id (or an Idempotency-Key) always maps to the same request id
 * (a name-based UUID, RFC 9562 version 5), so the same request sent twice — even by two racing posts to two
 * intake instances — is one order without intake keeping any state. A call-center request with neither gets
 * a fresh random id. An Idempotency-Key is its sender's: two operators (or an operator and the hotline's system)
 * who happen to choose the same key send two requests, not one (the second was dropped as a repeat of the first).
 */
final class RequestIdentity {

    private static final UUID NAMESPACE = UUID.fromString("5b0e8a8e-0c33-4c84-9f7a-6f3d1c1b2a10");

    static UUID of(Channel channel, String externalId, String idempotencyKey) {
        return of(channel, externalId, idempotencyKey, null);
    }

    /** The id, with the sender ({@code null} when no token names one) that an Idempotency-Key belongs to. */
    static UUID of(Channel channel, String externalId, String idempotencyKey, String sender) {
        if (externalId != null) {
            return nameBased(channel.name() + "\u0000external\u0000" + externalId);
        }
        if (idempotencyKey != null) {
            return nameBased(channel.name() + "\u0000key\u0000" + (sender == null ? "" : sender + "\u0000")
                    + idempotencyKey);
        }
        return UUID.randomUUID();
    }

    static UUID nameBased(String name) {
        MessageDigest sha1 = Digests.sha1();
        sha1.update(toBytes(NAMESPACE));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return bytes;
    }

    private RequestIdentity() {
    }
}
