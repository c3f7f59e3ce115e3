package cn.onenet.contracts.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tokens already verified (signature, issuer, audience, expiry), remembered by their exact text until they expire,
 * so that a client sending the same token call after call costs one signature check, not one per call. Only a
 * byte-identical token hits; an expired one is forgotten and checked again (and refused) by the real decoder.
 * Bounded: when full, it starts afresh.
 *
 * @param <T> the decoded token
 */
public final class VerifiedTokens<T> {

    private final Map<String, T> tokens = new ConcurrentHashMap<>();
    private final Function<T, Instant> expiresAt;
    private final int capacity;
    private final Clock clock;

    public VerifiedTokens(Function<T, Instant> expiresAt, int capacity, Clock clock) {
        this.expiresAt = expiresAt;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The token decoded earlier, if it is still valid; {@code null} otherwise. */
    public T get(String token) {
        T decoded = tokens.get(token);
        if (decoded == null) {
            return null;
        }
        if (!valid(decoded)) {
            tokens.remove(token);
            return null;
        }
        return decoded;
    }

    /** Remembers a token the real decoder has just accepted; returns it. */
    public T remember(String token, T decoded) {
        if (valid(decoded)) {
            if (tokens.size() >= capacity) {
                tokens.clear();
            }
            tokens.put(token, decoded);
        }
        return decoded;
    }

    public int size() {
        return tokens.size();
    }

    private boolean valid(T decoded) {
        Instant expiry = expiresAt.apply(decoded);
        // strictly before expiry: no clock-skew allowance here (the real decoder may allow some; a cached token
        // simply goes back to it near the end of its life)
        return expiry != null && clock.instant().isBefore(expiry.minus(Duration.ofSeconds(1)));
    }
}
