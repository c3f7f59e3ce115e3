package cn.onenet.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key tokens are signed with: given by configuration, or kept in a file that is created once (owner-only
 * permissions) and read on every later start, so tokens issued before a restart stay valid after it.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static RSAKey load(IdentityProperties properties) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return parse(properties.signingKey(), "onenet.identity.signing-key");
        }
        return loadOrCreate(properties.keyFile());
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                RSAKey key = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                log.info("Signing tokens with key {} from {}", key.getKeyID(), file);
                return key;
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                .issueTime(java.util.Date.from(Instant.now())).generate();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "signing-key", ".tmp");
            try {
                restrictToOwner(temporary);
                Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
            log.info("Generated signing key {} and kept it in {}", key.getKeyID(), file);
            return key;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Can't read or write the signing key " + file, ex);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Can't generate an RSA signing key", ex);
        }
    }

    private static RSAKey parse(String json, String source) {
        try {
            RSAKey key = RSAKey.parse(json);
            if (!key.isPrivate()) {
                throw new IllegalStateException(source + " holds a public key only; a private RSA JWK is needed to sign");
            }
            return key;
        }
        catch (ParseException ex) {
            throw new IllegalStateException(source + " is not an RSA JWK: " + ex.getMessage(), ex);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }
}
