package cn.onenet.identity.clients;

import java.time.Instant;
import java.util.Objects;

/**
 * A channel or department system allowed to get tokens with the client-credentials grant.
 *
 * @param identity what it acts as; its client id follows from it
 * @param source the demo directory or an administrator
 * @param encodedSecret its secret as the password encoder wrote it (e.g. {@code {bcrypt}…}); never the secret
 * @param createdAt when an administrator added it; {@code null} for a demo client, which comes with the service
 * @param createdBy the subject of the administrator's token that added it; {@code null} for a demo client
 * @param enabled {@code false} once disabled: it gets no new tokens until its secret is rotated
 */
public record MachineClient(MachineIdentity identity, ClientSource source, String encodedSecret, Instant createdAt,
        String createdBy, boolean enabled) {

    public MachineClient {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(source, "source");
        if (encodedSecret == null || encodedSecret.isBlank()) {
            throw new IllegalArgumentException("A machine client needs an encoded secret: " + identity.clientId());
        }
    }

    /** A demo client: enabled, no creation record. */
    public static MachineClient demo(MachineIdentity identity, String encodedSecret) {
        return new MachineClient(identity, ClientSource.DEMO, encodedSecret, null, null, true);
    }

    static MachineClient added(MachineIdentity identity, String encodedSecret, Instant createdAt, String createdBy) {
        return new MachineClient(identity, ClientSource.ADMIN, encodedSecret, createdAt, createdBy, true);
    }

    public String clientId() {
        return identity.clientId();
    }

    /** With a new secret, enabled: a new secret is handed out for a system to get tokens with, also a disabled one. */
    MachineClient withSecret(String encoded) {
        return new MachineClient(identity, source, encoded, createdAt, createdBy, true);
    }

    MachineClient disabled() {
        return new MachineClient(identity, source, encodedSecret, createdAt, createdBy, false);
    }

    /** Leaves the secret's hash out, so that a log line never carries it. */
    @Override
    public String toString() {
        return "MachineClient[" + clientId() + ", " + source.label() + ", createdAt=" + createdAt + ", createdBy="
                + createdBy + ", enabled=" + enabled + "]";
    }
}
