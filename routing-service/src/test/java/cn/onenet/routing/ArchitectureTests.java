package cn.onenet.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain packages speak only to ports they own: no Kafka, HTTP, servlet or MongoDB types in them. */
class ArchitectureTests {

    static final List<String> ADAPTER_PACKAGES = List.of("org.apache.kafka", "org.springframework.kafka",
            "org.springframework.web", "org.springframework.http", "jakarta.servlet", "org.springframework.data",
            "com.mongodb", "org.bson");
    static final List<String> ADAPTER_FOLDERS = List.of("web", "messaging", "persistence");

    @Test
    void domainCodeImportsNoAdapterTypes() throws IOException {
        Path root = Path.of("src/main/java/cn/onenet/routing");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> domain = files.filter(file -> file.toString().endsWith(".java"))
                .filter(file -> root.relativize(file).getNameCount() > 1)
                .filter(file -> ADAPTER_FOLDERS.stream()
                    .noneMatch(folder -> ("/" + root.relativize(file)).contains("/" + folder + "/")))
                .toList();
            assertThat(domain).isNotEmpty();
            for (Path file : domain) {
                List<String> imports = Files.readAllLines(file).stream().filter(line -> line.startsWith("import ")).toList();
                assertThat(imports).as(file.toString())
                    .noneMatch(line -> ADAPTER_PACKAGES.stream().anyMatch(adapter -> line.contains(" " + adapter + ".")
                            || line.contains("static " + adapter + ".")));
            }
        }
    }
}
