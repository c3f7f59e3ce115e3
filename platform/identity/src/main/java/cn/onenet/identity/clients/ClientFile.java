package cn.onenet.identity.clients;

import cn.onenet.contracts.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients administrators added and the demo clients they changed, as a JSON file: each with its encoded secret
 * (never the secret), who added it and when, and whether it is enabled. Replaced as a whole on every change (written
 * to a temporary file in the same directory, then moved over the old one), owner-only where the file system has
 * POSIX permissions.
 */
final class ClientFile {

    private static final int VERSION = 1;

    /** The file's content. */
    record Document(int version, List<Entry> clients) {
    }

    /** One client in the file; {@code channel} or {@code department} as its kind says. */
    record Entry(String clientId, ClientKind kind, Channel channel, String department, ClientSource source,
            String encodedSecret, Instant createdAt, String createdBy, boolean enabled) {

        static Entry of(MachineClient client) {
            MachineIdentity identity = client.identity();
            return new Entry(client.clientId(), identity.kind(), identity.channel(), identity.department(),
                    client.source(), client.encodedSecret(), client.createdAt(), client.createdBy(), client.enabled());
        }

        MachineClient client() {
            MachineIdentity identity = new MachineIdentity(kind, channel, department);
            if (!identity.clientId().equals(clientId)) {
                throw new IllegalArgumentException("client id " + clientId + " does not match its "
                        + identity.describe() + " (" + identity.clientId() + ")");
            }
            // an encoded secret names its encoder ({bcrypt}…); anything else could be a secret in clear
            if (encodedSecret == null || !encodedSecret.startsWith("{")) {
                throw new IllegalArgumentException(clientId + " has no encoded secret ({id}hash)");
            }
            return new MachineClient(identity, source, encodedSecret, createdAt, createdBy, enabled);
        }
    }

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    ClientFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** What the file holds; nothing if there is no file yet. Refuses a file it can't fully read. */
    List<MachineClient> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Document document;
        try {
            document = json.readValue(file.toFile(), Document.class);
        }
        catch (JacksonException ex) {
            throw new IllegalStateException("Can't read the clients file " + file + ": " + ex.getOriginalMessage(), ex);
        }
        if (document == null || document.clients() == null) {
            throw new IllegalStateException("The clients file " + file + " holds no list of clients");
        }
        List<MachineClient> clients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry entry : document.clients()) {
            try {
                MachineClient client = entry.client();
                if (!seen.add(client.clientId())) {
                    throw new IllegalArgumentException(client.clientId() + " is listed twice");
                }
                clients.add(client);
            }
            catch (RuntimeException ex) {
                throw new IllegalStateException("The clients file " + file + " is not valid: " + ex.getMessage(), ex);
            }
        }
        return clients;
    }

    /** Replaces the file with these clients, atomically: a reader sees the old file or the new one, never a part. */
    void write(List<MachineClient> clients) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            byte[] content = json.writeValueAsBytes(new Document(VERSION, clients.stream().map(Entry::of).toList()));
            Path temporary = Files.createTempFile(dir, "clients", ".tmp");
            try {
                restrictToOwner(temporary);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Can't write the clients file " + file, ex);
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
