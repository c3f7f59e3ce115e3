package cn.onenet.identity.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Channel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class ClientDirectoryTests {

    static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder("bcrypt",
            Map.of("bcrypt", new BCryptPasswordEncoder(4)));
    static final MachineIdentity COURT = MachineIdentity.channel(Channel.COURT);
    static final MachineIdentity CIVIL_AFFAIRS = MachineIdentity.department("civil-affairs");

    @TempDir
    Path dir;

    @Test
    void namesClientsAfterWhatTheyActAs() {
        assertThat(MachineIdentity.channel(Channel.PARTY_BUILDING).clientId()).isEqualTo("channel-party-building");
        assertThat(MachineIdentity.department("street-office-2").clientId()).isEqualTo("department-street-office-2");
        assertThatThrownBy(() -> MachineIdentity.department("Street Office")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MachineIdentity(ClientKind.CHANNEL_SYSTEM, Channel.COURT, "court-xihu"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addsAClientWithTheClaimsOfItsKindThatADirectoryReadingTheSameFileFinds() {
        IssuedSecret issued = directory().create(MachineIdentity.department("street-office-2"), "admin");

        assertThat(issued.client().source()).isEqualTo(ClientSource.ADMIN);
        assertThat(issued.client().createdAt()).isEqualTo(NOW);
        assertThat(issued.client().createdBy()).isEqualTo("admin");
        assertThat(issued.secret()).hasSize(43);
        assertThat(issued.toString()).doesNotContain(issued.secret());

        ClientDirectory restarted = directory();
        RegisteredClient found = restarted.findByClientId("department-street-office-2");
        assertThat(found).isNotNull();
        assertThat(ENCODER.matches(issued.secret(), found.getClientSecret())).isTrue();
        assertThat(found.getClientSettings().<List<String>>getSetting(ClientDirectory.ROLES_SETTING))
            .containsExactly("DEPARTMENT_SYSTEM");
        assertThat(found.getClientSettings().<String>getSetting(ClientDirectory.DEPARTMENT_SETTING))
            .isEqualTo("street-office-2");
        assertThat(found.getClientSettings().<String>getSetting(ClientDirectory.CHANNEL_SETTING)).isNull();
        assertThat(found.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(30));
        assertThat(restarted.findById(found.getId())).isEqualTo(found);
        assertThat(restarted.list()).extracting(MachineClient::clientId)
            .containsExactly("channel-court", "department-civil-affairs", "department-street-office-2");
    }

    @Test
    void addsAChannelSystemForAChannelThatHasNone() {
        ClientDirectory clients = new ClientDirectory(file(), List.of(), List.of(), ENCODER, Duration.ofMinutes(30),
                clock());

        IssuedSecret issued = clients.create(MachineIdentity.channel(Channel.PARTY_BUILDING), "admin");

        RegisteredClient found = clients.findByClientId("channel-party-building");
        assertThat(found.getClientSettings().<List<String>>getSetting(ClientDirectory.ROLES_SETTING))
            .containsExactly("CHANNEL_SYSTEM");
        assertThat(found.getClientSettings().<String>getSetting(ClientDirectory.CHANNEL_SETTING)).isEqualTo("PARTY_BUILDING");
        assertThat(ENCODER.matches(issued.secret(), found.getClientSecret())).isTrue();
    }

    @Test
    void keepsOnlyTheHashOfASecretInAFileForItsOwnerOnly() throws Exception {
        IssuedSecret issued = directory().create(MachineIdentity.department("street-office-2"), "admin");

        String file = Files.readString(file());
        assertThat(file).contains("department-street-office-2").contains("\"encodedSecret\" : \"{bcrypt}")
            .contains("\"createdBy\" : \"admin\"").contains("2026-05-04T08:00:00Z").doesNotContain(issued.secret());
        assertThat(file).as("demo clients are not recorded until changed").doesNotContain("channel-court");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        }
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file());
        }
    }

    @Test
    void refusesTheOldSecretOfARotatedDemoClientAlsoAfterARestart() {
        ClientDirectory clients = directory();

        IssuedSecret rotated = clients.rotateSecret("channel-court", "admin");

        for (ClientDirectory directory : List.of(clients, directory())) {
            RegisteredClient court = directory.findByClientId("channel-court");
            assertThat(ENCODER.matches("channel-court-secret", court.getClientSecret())).isFalse();
            assertThat(ENCODER.matches(rotated.secret(), court.getClientSecret())).isTrue();
            assertThat(directory.find("channel-court")).hasValueSatisfying(client -> {
                assertThat(client.source()).isEqualTo(ClientSource.DEMO);
                assertThat(client.enabled()).isTrue();
            });
        }
    }

    @Test
    void findsNoDisabledClientAlsoAfterARestartButListsIt() {
        ClientDirectory clients = directory();
        String id = clients.findByClientId("department-civil-affairs").getId();

        clients.disable("department-civil-affairs", "admin");

        for (ClientDirectory directory : List.of(clients, directory())) {
            assertThat(directory.findByClientId("department-civil-affairs")).isNull();
            assertThat(directory.findById(id)).isNull();
            assertThat(directory.find("department-civil-affairs")).hasValueSatisfying(
                    client -> assertThat(client.enabled()).isFalse());
            assertThat(directory.findByClientId("channel-court")).isNotNull();
        }
    }

    @Test
    void enablesADisabledClientAgainWhenItsSecretIsRotatedAlsoAfterARestart() {
        ClientDirectory clients = directory();
        clients.disable("department-civil-affairs", "admin");

        IssuedSecret rotated = clients.rotateSecret("department-civil-affairs", "admin");

        assertThat(rotated.client().enabled()).isTrue();
        for (ClientDirectory directory : List.of(clients, directory())) {
            RegisteredClient found = directory.findByClientId("department-civil-affairs");
            assertThat(found).isNotNull();
            assertThat(ENCODER.matches(rotated.secret(), found.getClientSecret())).isTrue();
            assertThat(ENCODER.matches("department-civil-affairs-secret", found.getClientSecret())).isFalse();
            assertThat(directory.findById(found.getId())).isEqualTo(found);
            assertThat(directory.find("department-civil-affairs")).hasValueSatisfying(client -> {
                assertThat(client.enabled()).isTrue();
                assertThat(client.source()).isEqualTo(ClientSource.DEMO);
            });
        }
    }

    @Test
    void refusesAClientIdThatIsTakenAndChangesToAClientItDoesNotHave() {
        ClientDirectory clients = directory();
        clients.create(MachineIdentity.department("street-office-2"), "admin");
        clients.disable("department-street-office-2", "admin");

        assertThatThrownBy(() -> clients.create(COURT, "admin")).isInstanceOf(ClientAlreadyExists.class)
            .hasMessageContaining("channel-court");
        assertThatThrownBy(() -> clients.create(MachineIdentity.department("street-office-2"), "admin"))
            .isInstanceOf(ClientAlreadyExists.class).hasMessageContaining("disabled");
        assertThatThrownBy(() -> clients.rotateSecret("department-nowhere", "admin")).isInstanceOf(ClientNotFound.class);
        assertThatThrownBy(() -> clients.disable("department-nowhere", "admin")).isInstanceOf(ClientNotFound.class);
    }

    @Test
    void takesASecretTheTokenEndpointReencodedUnlessItWasRotatedMeanwhile() {
        ClientDirectory clients = directory();
        PasswordEncoder stronger = new BCryptPasswordEncoder(5);

        RegisteredClient court = clients.findByClientId("channel-court");
        clients.save(RegisteredClient.from(court).clientSecret("{bcrypt}" + stronger.encode("channel-court-secret")).build());
        assertThat(clients.findByClientId("channel-court").getClientSecret()).startsWith("{bcrypt}$2a$05$");
        assertThat(file()).as("an upgrade changes nothing on disk").doesNotExist();

        RegisteredClient before = clients.findByClientId("channel-court");
        IssuedSecret rotated = clients.rotateSecret("channel-court", "admin");
        clients.save(RegisteredClient.from(before).clientSecret("{bcrypt}" + stronger.encode("channel-court-secret")).build());

        String secret = clients.findByClientId("channel-court").getClientSecret();
        assertThat(ENCODER.matches(rotated.secret(), secret)).isTrue();
        assertThat(ENCODER.matches("channel-court-secret", secret)).isFalse();
    }

    @Test
    void refusesAFileHoldingASecretInClear() throws Exception {
        Files.writeString(file(), """
                {"version": 1, "clients": [{"clientId": "department-x", "kind": "DEPARTMENT_SYSTEM",
                  "department": "x", "source": "ADMIN", "encodedSecret": "plain-secret", "enabled": true}]}
                """);

        assertThatThrownBy(this::directory).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("no encoded secret");
    }

    private ClientDirectory directory() {
        List<MachineClient> demo = List.of(MachineClient.demo(COURT, ENCODER.encode("channel-court-secret")),
                MachineClient.demo(CIVIL_AFFAIRS, ENCODER.encode("department-civil-affairs-secret")));
        return new ClientDirectory(file(), demo, List.of(), ENCODER, Duration.ofMinutes(30), clock());
    }

    private Path file() {
        return dir.resolve("clients.json");
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
