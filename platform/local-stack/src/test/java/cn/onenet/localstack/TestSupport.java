package cn.onenet.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test helpers: a runnable jar of {@link FakeBootService} and plain HTTP GETs. */
final class TestSupport {

    static final List<String> SMALL_JVM = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestSupport() {
    }

    /** Writes an executable jar whose main class is {@link FakeBootService}. */
    static Path writeFakeServiceJar(Path jar) {
        String entryName = FakeBootService.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeBootService.class.getName());
        try {
            Files.createDirectories(jar.getParent());
            try (InputStream classBytes = FakeBootService.class.getClassLoader().getResourceAsStream(entryName);
                 JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                if (classBytes == null) {
                    throw new IllegalStateException("Cannot find " + entryName + " on the test class path");
                }
                out.putNextEntry(new JarEntry(entryName));
                classBytes.transferTo(out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A repository root with fake jars for the given services at {@code <module>/target/<module>.jar}. */
    static Path fakeHome(Path home, List<String> services) {
        services.forEach(name -> writeFakeServiceJar(Suite.jarOf(home, name)));
        return home;
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
