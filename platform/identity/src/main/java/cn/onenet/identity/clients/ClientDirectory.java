package cn.onenet.identity.clients;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The authorization server's clients: the machine clients (channel and department systems, from the demo directory
 * or added by an administrator) and the other clients it is given (the console). Administrators add machine clients,
 * rotate their secrets and disable them; every change is written to the clients file before it takes effect, so it
 * survives a restart. A change to a demo client is recorded there too and wins over the demo directory.
 * <p>
 * A rotated secret is checked from the next token request on: the old one is refused at once. A disabled client is not
 * found ({@link #findByClientId} answers {@code null}), so the token endpoint refuses it with {@code invalid_client},
 * until an administrator rotates its secret: that enables it again, with the new secret only.
 * <b>Access tokens already issued stay valid until they expire</b> (at most the access-token time to live): they are
 * self-contained JWTs that the gateway and the services check by signature, issuer, audience and expiry, without
 * asking this server.
 * <p>
 * {@link #save} takes only what the token endpoint writes back: a client's secret re-encoded with a stronger encoding
 * after it matched (kept in memory, the file keeps the hash it has), and only if that secret has not been rotated
 * meanwhile. Clients are added and changed through {@link #create}, {@link #rotateSecret} and {@link #disable}.
 */
public final class ClientDirectory implements RegisteredClientRepository {

    /** Client settings naming the claims a client-credentials token carries. */
    public static final String ROLES_SETTING = "onenet.roles";
    public static final String CHANNEL_SETTING = "onenet.channel";
    public static final String DEPARTMENT_SETTING = "onenet.department";
    /** Which secret a registration was handed out with, so that {@link #save} can tell a stale write-back. */
    private static final String SECRET_VERSION_SETTING = "onenet.secret-version";

    /** 256 random bits: no slow hash is needed to protect such a secret, the cheap one the demo secrets use will do. */
    static final int SECRET_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(ClientDirectory.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A machine client as held: whether the file records it, which secret it has, its registration. */
    private record Held(MachineClient client, boolean recorded, long secretVersion, RegisteredClient registration) {
    }

    private final ClientFile file;
    private final PasswordEncoder secretEncoder;
    private final TokenSettings tokens;
    private final Clock clock;
    private final Map<String, RegisteredClient> others;
    private final Object changes = new Object();
    /** guarded by {@link #changes} */
    private long lastSecretVersion;
    /** by client id; replaced as a whole while holding {@link #changes}, read without */
    private volatile Map<String, Held> clients;

    /**
     * @param file where the clients administrators added and the changes to demo clients are kept; read now
     * @param demo the demo machine clients
     * @param others further clients, served as given (the console, the metrics scraper); a secret the token
     *        endpoint re-encodes is kept in memory
     * @param secretEncoder encodes new secrets
     * @param accessTokenTtl how long a machine client's access token is valid
     */
    public ClientDirectory(Path file, List<MachineClient> demo, List<RegisteredClient> others,
            PasswordEncoder secretEncoder, Duration accessTokenTtl, Clock clock) {
        this.file = new ClientFile(file);
        this.secretEncoder = secretEncoder;
        this.tokens = TokenSettings.builder().accessTokenTimeToLive(accessTokenTtl).build();
        this.clock = clock;
        this.others = new ConcurrentHashMap<>(others.stream()
            .collect(Collectors.toMap(RegisteredClient::getClientId, Function.identity())));
        Map<String, Held> held = new HashMap<>();
        for (MachineClient client : demo) {
            held.put(client.clientId(), hold(client, false));
        }
        List<MachineClient> recorded = this.file.read();
        for (MachineClient client : recorded) {
            held.put(client.clientId(), hold(client, true));
        }
        held.keySet().stream().filter(this.others::containsKey).findFirst().ifPresent(clash -> {
            throw new IllegalArgumentException("The client id " + clash + " is taken by another client");
        });
        this.clients = Map.copyOf(held);
        log.info("{} channel and department systems: {} from the demo directory, {} recorded in {} ({} disabled)",
                held.size(), demo.size(), recorded.size(), this.file.path(),
                held.values().stream().filter(client -> !client.client().enabled()).count());
    }

    /** Every machine client, by client id. */
    public List<MachineClient> list() {
        return clients.values().stream().map(Held::client)
            .sorted(Comparator.comparing(MachineClient::clientId))
            .toList();
    }

    public Optional<MachineClient> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId)).map(Held::client);
    }

    /**
     * Adds a machine client with a fresh random secret.
     *
     * @param by who adds it (the subject of the administrator's token)
     * @throws ClientAlreadyExists if its client id is taken, by a demo client or an added one, enabled or not
     */
    public IssuedSecret create(MachineIdentity identity, String by) {
        synchronized (changes) {
            Held existing = clients.get(identity.clientId());
            if (existing != null) {
                throw new ClientAlreadyExists(existing.client());
            }
            if (others.containsKey(identity.clientId())) {
                throw new IllegalStateException("The client id " + identity.clientId() + " is taken by another client");
            }
            String secret = newSecret();
            MachineClient client = MachineClient.added(identity, secretEncoder.encode(secret), clock.instant(), by);
            commit(client);
            log.info("{} added client {} ({})", by, client.clientId(), identity.describe());
            return new IssuedSecret(client, secret);
        }
    }

    /**
     * Gives a machine client a fresh random secret; the old one is refused from the next token request on. A disabled
     * client is enabled again: it gets tokens with the new secret (and only with it).
     *
     * @throws ClientNotFound if there is no such machine client
     */
    public IssuedSecret rotateSecret(String clientId, String by) {
        synchronized (changes) {
            MachineClient current = existing(clientId);
            String secret = newSecret();
            MachineClient client = current.withSecret(secretEncoder.encode(secret));
            commit(client);
            if (current.enabled()) {
                log.info("{} rotated the secret of client {}; the old secret is refused from now on", by, clientId);
            }
            else {
                log.info("{} rotated the secret of disabled client {}, enabling it again: it gets tokens with the new"
                        + " secret only, the old one stays refused", by, clientId);
            }
            return new IssuedSecret(client, secret);
        }
    }

    /**
     * Disables a machine client: it gets no new tokens; those it has stay valid until they expire. Disabling a
     * disabled client changes nothing; rotating its secret enables it again.
     *
     * @throws ClientNotFound if there is no such machine client
     */
    public MachineClient disable(String clientId, String by) {
        synchronized (changes) {
            MachineClient current = existing(clientId);
            if (!current.enabled()) {
                return current;
            }
            MachineClient client = current.disabled();
            commit(client);
            log.info("{} disabled client {}: it gets no new tokens (those already issued stay valid until they expire)",
                    by, clientId);
            return client;
        }
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        Held held = clients.get(clientId);
        if (held != null) {
            return held.client().enabled() ? held.registration() : null;
        }
        return others.get(clientId);
    }

    @Override
    public RegisteredClient findById(String id) {
        for (Held held : clients.values()) {
            if (held.registration().getId().equals(id)) {
                return held.client().enabled() ? held.registration() : null;
            }
        }
        return others.values().stream().filter(client -> client.getId().equals(id)).findFirst().orElse(null);
    }

    /**
     * Takes a machine client's secret re-encoded by the token endpoint, unless it was rotated meanwhile (another
     * client's, in memory).
     */
    @Override
    public void save(RegisteredClient registration) {
        synchronized (changes) {
            Held held = clients.get(registration.getClientId());
            if (held == null && others.containsKey(registration.getClientId())) {
                others.put(registration.getClientId(), registration);
                return;
            }
            if (held == null) {
                throw new UnsupportedOperationException("Clients are added through the administrators' API; "
                        + registration.getClientId() + " can't be saved");
            }
            Object version = registration.getClientSettings().getSetting(SECRET_VERSION_SETTING);
            if (!Long.valueOf(held.secretVersion()).equals(version)) {
                log.debug("Not taking a re-encoded secret of {}: its secret was rotated meanwhile", held.client().clientId());
                return;
            }
            String encoded = registration.getClientSecret();
            if (encoded != null && !encoded.equals(held.registration().getClientSecret())) {
                Map<String, Held> next = new HashMap<>(clients);
                next.put(held.client().clientId(), new Held(held.client(), held.recorded(), held.secretVersion(),
                        registration(held.client(), encoded, held.secretVersion())));
                clients = Map.copyOf(next);
            }
        }
    }

    private MachineClient existing(String clientId) {
        Held held = clients.get(clientId);
        if (held == null) {
            throw new ClientNotFound(clientId);
        }
        return held.client();
    }

    /** Records the client in the file, then serves it: if the file can't be written, nothing changes. */
    private void commit(MachineClient client) {
        Map<String, Held> next = new HashMap<>(clients);
        Held previous = next.get(client.clientId());
        boolean sameSecret = previous != null && previous.client().encodedSecret().equals(client.encodedSecret());
        // a client keeping its secret keeps its registration (and a secret the token endpoint re-encoded)
        next.put(client.clientId(), sameSecret
                ? new Held(client, true, previous.secretVersion(), previous.registration())
                : hold(client, true));
        file.write(next.values().stream().filter(Held::recorded).map(Held::client)
            .sorted(Comparator.comparing(MachineClient::clientId)).toList());
        clients = Map.copyOf(next);
    }

    private Held hold(MachineClient client, boolean recorded) {
        long version = ++lastSecretVersion;
        return new Held(client, recorded, version, registration(client, client.encodedSecret(), version));
    }

    private RegisteredClient registration(MachineClient client, String encodedSecret, long secretVersion) {
        MachineIdentity identity = client.identity();
        return RegisteredClient.withId(UUID.nameUUIDFromBytes(client.clientId().getBytes(StandardCharsets.UTF_8)).toString())
            .clientId(client.clientId())
            .clientIdIssuedAt(client.createdAt())
            .clientName(identity.displayName())
            .clientSecret(encodedSecret)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .clientSettings(ClientSettings.builder().settings(settings -> {
                settings.put(ROLES_SETTING, List.of(identity.kind().role().name()));
                if (identity.channel() != null) {
                    settings.put(CHANNEL_SETTING, identity.channel().name());
                }
                if (identity.department() != null) {
                    settings.put(DEPARTMENT_SETTING, identity.department());
                }
                settings.put(SECRET_VERSION_SETTING, secretVersion);
            }).build())
            .tokenSettings(tokens)
            .build();
    }

    private static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
