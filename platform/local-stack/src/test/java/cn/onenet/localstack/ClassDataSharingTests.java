package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ClassDataSharingTests {

    /** The JVM's own line for a class it mapped from the dynamic archive instead of reading it from the jar. */
    private static final String FROM_ARCHIVE = FakeBootService.class.getName() + " source: shared objects file (top)";

    @TempDir
    Path dir;

    private Path jar;
    private Path root;
    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeEach
    void writeJar() {
        jar = TestSupport.writeFakeServiceJar(dir.resolve("gateway").resolve("target").resolve("gateway.jar"));
        root = dir.resolve("class-data");
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void aServiceStoppedOnSigtermStartsNextTimeWithTheClassesItArchived() throws IOException {
        ServiceProcess first = start("first");
        assertThat(first.classDataMode()).isEqualTo(ClassDataSharing.Mode.RECORD);
        first.stop();

        assertThat(archives()).hasSize(1);
        assertThat(Files.readString(dir.resolve("classes-first.log")))
                .contains(FakeBootService.class.getName() + " source: file:")
                .doesNotContain(FROM_ARCHIVE);

        ServiceProcess second = start("second");

        assertThat(second.classDataMode()).isEqualTo(ClassDataSharing.Mode.SHARE);
        assertThat(TestSupport.get(second.baseUrl() + "/args").body()).isEqualTo("--server.port=" + second.port());
        assertThat(Files.readString(dir.resolve("classes-second.log"))).contains(FROM_ARCHIVE);
        assertThat(Files.readString(second.logFile()))
                .contains(ClassDataSharing.USE_ARCHIVE + archives().get(0))
                .contains("-jar " + root.resolve("gateway"));
    }

    @Test
    void aKilledServiceLeavesNoArchiveAndTheNextStartRecordsAgain() throws IOException {
        ServiceProcess first = start("first");
        first.kill();

        assertThat(archives()).isEmpty();

        ServiceProcess second = start("second");
        assertThat(second.classDataMode()).isEqualTo(ClassDataSharing.Mode.RECORD);
        second.stop();
        assertThat(archives()).hasSize(1);
    }

    @Test
    void aRebuiltJarGetsACopyOfItsOwnAndTheOldOneGoes() throws IOException {
        ClassDataSharing classData = new ClassDataSharing(root, "gateway", jar);
        ClassDataSharing.Launch before = classData.prepare(TestSupport.SMALL_JVM, dir.resolve("gateway.log"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));

        ClassDataSharing.Launch after = classData.prepare(TestSupport.SMALL_JVM, dir.resolve("gateway.log"));

        assertThat(before.mode()).isEqualTo(ClassDataSharing.Mode.RECORD);
        assertThat(after.mode()).isEqualTo(ClassDataSharing.Mode.RECORD);
        assertThat(after.jar()).isNotEqualTo(before.jar()).isRegularFile().hasSameBinaryContentAs(jar);
        assertThat(before.jar()).doesNotExist();
        assertThat(after.jvmOptions()).startsWith(TestSupport.SMALL_JVM.toArray(String[]::new))
                .contains(ClassDataSharing.RECORD_ARCHIVE + after.recording());
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsItIs() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        ClassDataSharing classData = new ClassDataSharing(root, "gateway", broken);

        ClassDataSharing.Launch launch = classData.prepare(TestSupport.SMALL_JVM, dir.resolve("gateway.log"));

        assertThat(launch.mode()).isEqualTo(ClassDataSharing.Mode.OFF);
        assertThat(launch.jar()).isEqualTo(broken);
        assertThat(launch.jvmOptions()).isEqualTo(TestSupport.SMALL_JVM);
        assertThat(Files.readString(dir.resolve("gateway.log"))).contains("broken.jar");
        assertThat(Files.readAllLines(dir.resolve("gateway.log"))).as("what the extraction printed, as JSON lines")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(JsonMapper.builder().build().readTree(line).at("/service/name")
                        .asString()).isEqualTo("gateway"));
        long logged = Files.size(dir.resolve("gateway.log"));

        assertThat(classData.prepare(TestSupport.SMALL_JVM, dir.resolve("gateway.log")).mode())
                .as("not tried again").isEqualTo(ClassDataSharing.Mode.OFF);
        assertThat(Files.size(dir.resolve("gateway.log"))).isEqualTo(logged);
    }

    @Test
    void aServiceWhoseJvmCannotRecordStartsFromItsJar() {
        // the JDK's base archive is built with compressed class pointers: without them the JVM can't map it, and a JVM
        // told to record an archive then refuses to start
        List<String> options = new ArrayList<>(TestSupport.SMALL_JVM);
        options.add("-XX:-UseCompressedClassPointers");
        ServiceProcess service = new ServiceProcess("gateway", jar, Ports.free(), List.of(), options,
                dir.resolve("logs").resolve("gateway.log"), root);
        started.add(service);

        service.start();
        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(service.classDataMode()).isEqualTo(ClassDataSharing.Mode.OFF);
        assertThat(service.command()).contains(jar.toString());
    }

    @Test
    void optionsThatTurnSharingOffOrNameAnArchiveAreLeftAlone() {
        ClassDataSharing classData = new ClassDataSharing(root, "gateway", jar);
        List<String> off = List.of("-Xmx32m", "-Xshare:off");
        List<String> own = List.of("-Xmx32m", "-XX:SharedArchiveFile=/somewhere/else.jsa");

        assertThat(classData.prepare(off, dir.resolve("gateway.log"))).isEqualTo(ClassDataSharing.Launch.off(jar, off));
        assertThat(classData.prepare(own, dir.resolve("gateway.log"))).isEqualTo(ClassDataSharing.Launch.off(jar, own));
        assertThat(root).doesNotExist();
    }

    private ServiceProcess start(String label) {
        List<String> options = new ArrayList<>(TestSupport.SMALL_JVM);
        options.add("-Xlog:class+load=info:file=" + dir.resolve("classes-" + label + ".log"));
        ServiceProcess service = new ServiceProcess("gateway", jar, Ports.free(), List.of(), options,
                dir.resolve("logs").resolve(label + ".log"), root);
        started.add(service);
        service.start();
        service.awaitHealthy(Duration.ofSeconds(30));
        return service;
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().equals("gateway.jsa")).toList();
        }
    }
}
