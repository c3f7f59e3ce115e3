package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing of what reaches the gateway, written byte by byte on a socket (so that addresses and headers no HTTP
 * client would send get through): a method, an API path with something odd in it (an encoded slash, {@code %00}, a
 * bare {@code %}, dot segments, raw UTF-8, a very long segment), tokens good and bad, one or given twice, odd or
 * doubled correlation, trace, key and content headers, the gateway's own {@code OneNet-Gateway-Key}, and a body:
 * a submission whose {@code channel} is another's, given twice, escaped or of another type, a department's report
 * as another department, raw bytes, a body over the size limit. Every answer:
 * <ul>
 * <li>is never a 5xx (the services behind answer every request 200, so a 5xx would be the gateway's own);</li>
 * <li>when the gateway answers itself with a refusal: Problem Details with its status and a correlation id, and
 * nothing reached a service;</li>
 * <li>when a service was reached: its answer, passed on; the service got one well-formed correlation id, no
 * {@code OneNet-Gateway-Key} but the gateway's own, and a submission or a report it got names the caller's own
 * channel or department, however the body spelled it.</li>
 * </ul>
 */
class GatewayFuzzTests extends GatewayIntegrationTestSupport {

    private static final int TRIES = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

    @LocalServerPort
    int port;

    /** What is sent: the request line's parts, the headers in order (a name twice is the header given twice). */
    record Attempt(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        String what() {
            StringBuilder what = new StringBuilder(method).append(' ').append(abbreviate(target));
            headers.forEach(header -> what.append(" | ").append(header.getKey()).append(": ")
                .append(abbreviate(header.getValue())));
            return what.append(" | body ").append(abbreviate(new String(body, StandardCharsets.ISO_8859_1))).toString();
        }
    }

    /** An answer as read off the socket. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @Test
    void noRequestGetsA5xxARefusalIsProblemDetailsAndWhatPassesIsTheCallersOwn() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        int forwardedCount = 0;
        for (Attempt attempt : attempts().sampleStream().limit(TRIES).toList()) {
            int intakeBefore = INTAKE.received().size();
            int routingBefore = ROUTING.received().size();
            int identityBefore = clientCalls().size();
            Answer answer = send(attempt);
            statuses.merge(answer.status(), 1, Integer::sum);
            String what = attempt.what() + " → " + answer.status() + " " + abbreviate(answer.text());

            assertThat(answer.status()).as(what).isBetween(200, 499);
            List<FakeUpstream.Received> forwarded = new ArrayList<>(since(INTAKE.received(), intakeBefore));
            forwarded.addAll(since(ROUTING.received(), routingBefore));
            forwarded.addAll(since(clientCalls(), identityBefore));
            if (forwarded.isEmpty()) {
                if (answer.status() >= 400 && !"HEAD".equals(attempt.method())) {
                    assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
                    JsonNode problem = JSON.readTree(answer.body());
                    assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.status());
                    assertThat(problem.path("correlationId").asString()).as(what).isNotBlank();
                    assertThat(problem.path("title").asString()).as(what).isNotBlank();
                    if (answer.status() == 405) {
                        assertThat(answer.header("Allow")).as(what).isNotBlank();
                    }
                }
                continue;
            }
            forwardedCount++;
            assertThat(forwarded).as(what).hasSize(1);
            assertThat(answer.status()).as(what).isEqualTo(200);
            if (!"HEAD".equals(attempt.method())) {
                assertThat(answer.text()).as(what).contains("\"service\":");
            }
            FakeUpstream.Received received = forwarded.get(0);
            assertThat(received.headerValues("X-Correlation-Id")).as(what).singleElement()
                .satisfies(id -> assertThat(id).matches(CORRELATION_ID));
            assertThat(received.headerValues("traceparent")).as(what).singleElement()
                .satisfies(parent -> assertThat(parent).matches(TRACEPARENT));
            assertThat(received.headerValues("OneNet-Gateway-Key")).as(what)
                .allSatisfy(key -> assertThat(key).startsWith("gateway-"));
            assertOwn(received, what);
        }
        System.out.println("Gateway fuzzing: " + TRIES + " requests, " + forwardedCount
                + " reached a service; statuses " + statuses);
        assertThat(statuses).as("the fuzzing reached refusals and services: %s", statuses)
            .containsKeys(200, 400, 401, 403, 404);
        assertThat(forwardedCount).as("requests that reached a service").isGreaterThan(TRIES / 10);
    }

    /**
     * Submissions and department reports only, by callers of several channels and departments (and a person with
     * neither), with bodies naming another channel or department in every way the fuzzing knows: what reaches a
     * service is always the caller's own.
     */
    @Test
    void aSubmissionOrAReportReachesItsServiceOnlyAsTheCallersOwn() throws Exception {
        Arbitrary<String> paths = Arbitraries.of("/api/v1/requests", "/api/v1/requests/" + UUID.randomUUID()
                + "/events");
        Arbitrary<String> tokens = Arbitraries.of(everyRole(), TestTokens.channel("LIVELIHOOD"),
                TestTokens.channel("POLICE"), TestTokens.department("civil-affairs"), TestTokens.department("housing"),
                TestTokens.person("ops-chen", "OPERATOR", "DISPATCHER"));
        Arbitrary<Attempt> attempts = Combinators.combine(paths, tokens, bodies())
            .as((path, token, body) -> new Attempt("POST", path, List.of(Map.entry("Authorization", "Bearer " + token),
                    Map.entry("Content-Type", "application/json")), body))
            .withoutEdgeCases();
        int forwardedCount = 0;
        for (Attempt attempt : attempts.sampleStream().limit(200).toList()) {
            int before = INTAKE.received().size() + ROUTING.received().size();
            Answer answer = send(attempt);
            String what = attempt.what() + " → " + answer.status() + " " + abbreviate(answer.text());
            assertThat(answer.status()).as(what).isBetween(200, 499);
            List<FakeUpstream.Received> forwarded = new ArrayList<>(INTAKE.received());
            forwarded.addAll(ROUTING.received());
            if (forwarded.size() > before) {
                forwardedCount++;
                forwarded.forEach(received -> assertOwn(received, what));
            }
            INTAKE.reset();
            ROUTING.reset();
        }
        assertThat(forwardedCount).as("submissions and reports that reached a service").isGreaterThan(20);
    }

    /**
     * A submission or a report that reached its service names the caller's own channel or department (the token's
     * claims, as the service got it; a caller without a channel submits on HOTLINE only) as the service reads it: the
     * last of a member given twice, escapes undone. A body with no such member, a channel that is none, or a body
     * that is not JSON, the service refuses.
     */
    private static void assertOwn(FakeUpstream.Received received, String what) {
        boolean submission = received.method().equals("POST") && received.path().equals("/api/v1/requests");
        boolean report = received.method().equals("POST") && received.path().matches("/api/v1/requests/[^/]+/events");
        if (!submission && !report) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(received.body());
        }
        catch (RuntimeException notJson) {
            return;
        }
        JsonNode named = body == null ? null : body.get(submission ? "channel" : "department");
        if (named == null || !named.isString()) {
            return;
        }
        JsonNode claims = claims(received.header("Authorization"));
        if (submission) {
            if (Arrays.stream(Channel.values()).noneMatch(known -> known.name().equals(named.asString()))) {
                return; // no channel at all ("livelihood", "FAX"): intake answers 400 naming the field
            }
            String channel = claims.path("channel").isString() ? claims.path("channel").asString() : "HOTLINE";
            assertThat(named.asString()).as(what).isEqualTo(channel);
        }
        else if (claims.path("department").isString()) {
            assertThat(named.asString()).as(what).isEqualTo(claims.path("department").asString());
        }
    }

    /** The claims of the bearer token in {@code authorization}, read without checking it (the gateway did). */
    private static JsonNode claims(String authorization) {
        String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** The requests in {@code received} after the first {@code count}. */
    private static List<FakeUpstream.Received> since(List<FakeUpstream.Received> received, int count) {
        return received.subList(count, received.size());
    }

    /** What reached the identity provider besides the gateway's own reads of its keys. */
    private static List<FakeUpstream.Received> clientCalls() {
        return IDENTITY.received().stream().filter(request -> !request.path().equals("/oauth2/jwks")).toList();
    }

    private Arbitrary<Attempt> attempts() {
        String id = UUID.randomUUID().toString();
        Arbitrary<String> paths = Arbitraries.of("/api/v1/requests", "/api/v1/requests/" + id,
                "/api/v1/requests/" + id + "/events", "/api/v1/requests/" + id + "/dispatch",
                "/api/v1/requests/by-tracking-number/MS260001", "/api/v1/rules", "/api/v1/rules/" + id,
                "/api/v1/catalogue", "/api/v1/departments/housing", "/api/v1/feed?target=channel:LIVELIHOOD",
                "/api/v1/feed?target=channel:POLICE", "/api/v1/webhooks", "/api/v1/admin/intake/dead-letters",
                "/api/v1/admin/dead-letters/replay", "/api/v1/clients", "/api/v1/clients/channel-police/secret",
                "/api/v1/stats/summary?groupBy=department", "/api/v1/supervision/overdue", "/v3/api-docs/intake",
                "/v3/api-docs/routing", "/actuator/health", "/actuator/prometheus", "/actuator/env", "/",
                "/console/config.json", "/swagger-ui.html", "/nowhere");
        Arbitrary<String> odd = Arbitraries.of("/", "//x", "/..", "/../../actuator/env", "%2F..%2Factuator",
                "%00", "%", "%ZZ", "%C0%AF", ";jsessionid=1", "?a=%", "?q=%E4%B8%AD", "/\u4e2d\u6587", "/a\tb",
                "?x=" + "9".repeat(3000), "/" + "s".repeat(300), "#fragment", "/%2e%2e/%2e%2e/actuator");
        Arbitrary<String> suffixes = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(2, odd));
        Arbitrary<String> targets = Combinators.combine(paths, suffixes, Arbitraries.strings().withCharRange('!', '~')
            .ofMaxLength(12), Arbitraries.integers().between(0, 9))
            .as((path, suffix, random, pick) -> pick == 0 ? path + "/" + random
                    : pick == 1 ? "http://127.0.0.1:" + port + path : path + suffix);
        Arbitrary<String> methods = Arbitraries.of("GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                "OPTIONS", "TRACE", "get", "PROPFIND");
        Arbitrary<List<Map.Entry<String, String>>> headers = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of())), Tuple.of(1, oddHeaders().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(methods, targets, authorization(), headers, bodies())
            .as((method, target, auth, extra, body) -> {
                List<Map.Entry<String, String>> all = new ArrayList<>(auth);
                all.addAll(extra);
                return new Attempt(method, target, all, body);
            })
            .withoutEdgeCases();
    }

    private static Arbitrary<List<Map.Entry<String, String>>> authorization() {
        String own = everyRole();
        Arbitrary<String> tokens = Arbitraries.of(own, own, own, TestTokens.channel("LIVELIHOOD"),
                TestTokens.channel("POLICE"), TestTokens.department("civil-affairs"), TestTokens.expired(),
                TestTokens.signedByAnotherKey(), TestTokens.fromAnotherIssuer(), TestTokens.forAnotherAudience(),
                "", "x.y.z", "a".repeat(5000), own.substring(0, own.length() - 5), own + "x");
        Arbitrary<String> schemes = Arbitraries.of("Bearer ", "Bearer ", "Bearer ", "bearer ", "Bearer  ", "Basic ",
                "Token ", "");
        Arbitrary<List<Map.Entry<String, String>>> one = Combinators.combine(schemes, tokens)
            .as((scheme, token) -> List.of(Map.entry("Authorization", scheme + token)));
        Arbitrary<List<Map.Entry<String, String>>> twice = Combinators.combine(tokens, tokens)
            .as((first, second) -> List.of(Map.entry("Authorization", "Bearer " + first),
                    Map.entry("Authorization", "Bearer " + second)));
        List<Map.Entry<String, String>> ownToken = List.of(Map.entry("Authorization", "Bearer " + own));
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(ownToken)),
                Tuple.of(4, one), Tuple.of(1, twice),
                Tuple.of(1, Arbitraries.just(List.of())));
    }

    private static Arbitrary<Map.Entry<String, String>> oddHeaders() {
        Arbitrary<String> names = Arbitraries.of("X-Correlation-Id", "traceparent", "b3", "X-B3-TraceId",
                "OneNet-Gateway-Key", "Idempotency-Key", "Content-Type", "Content-Encoding", "Accept",
                "Accept-Encoding", "X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "Host", "Expect", "Origin",
                "X-Actor", "Cookie", "If-Match", "Range");
        // names and addresses with or without a port, empty, zero-padded or too large (Host: localhost: was an empty
        // 400 from Reactor Netty until the forty-first session)
        Arbitrary<String> hosts = Combinators.combine(
                Arbitraries.strings().withChars("abXY09-._~!$&'()*+,;=%:[]@ ").ofMaxLength(12),
                Arbitraries.of("", ":", ":0", ":080", ":8080", ":65535", ":65536", ":8080x", "::"))
            .as(String::concat);
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                hosts,
                Arbitraries.of("", " ", "*", "gzip", "br", "100-continue", "application/json",
                    "application/json; charset=utf-16", "text/plain", "multipart/form-data; boundary=", "evil.example",
                    "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-"
                            + "00f067aa0ba902b7-01", "ffff-ffff", "id\u0001ctl", "caf\u00e9", "bytes=0-1",
                    "x".repeat(9000), "gateway-" + UUID.randomUUID(), "JSESSIONID=1; SESSION=2"));
        return Combinators.combine(names, values).as(Map::entry);
    }

    private static Arbitrary<byte[]> bodies() {
        String submission = "{\"channel\":\"LIVELIHOOD\",\"externalId\":\"FUZZ-1\",\"category\":\"elderly-care\","
                + "\"title\":\"t\",\"description\":\"d\",\"urgency\":\"NORMAL\",\"location\":{\"community\":\"hupan\"}";
        String report = "{\"type\":\"ACKNOWLEDGED\",\"department\":\"civil-affairs\",\"note\":\"n\"";
        Arbitrary<String> json = Arbitraries.of(submission + "}", report + "}",
                submission.replace("LIVELIHOOD", "POLICE") + "}", report.replace("civil-affairs", "housing") + "}",
                submission + ",\"channel\":\"POLICE\"}", "{\"channel\":\"POLICE\"," + submission.substring(1) + "}",
                report + ",\"department\":\"housing\"}",
                submission.replace("\"channel\":\"LIVELIHOOD\"", "\"\\u0063hannel\":\"POLICE\"") + "}",
                submission.replace("\"channel\":\"LIVELIHOOD\"", "\"channel\":\"POL\\u0049CE\"") + "}",
                submission.replace("\"LIVELIHOOD\"", "[\"POLICE\"]") + "}",
                submission.replace("\"LIVELIHOOD\"", "{\"code\":\"POLICE\"}") + "}",
                submission.replace("\"LIVELIHOOD\"", "\"livelihood\"") + "}", submission, "[" + submission + "}]",
                "{}", "null", "\"POLICE\"", "{\"channel\":\"POLICE\"}", "{\"department\":\"housing\"}");
        Arbitrary<byte[]> encoded = Combinators.combine(json, Arbitraries.of(StandardCharsets.UTF_8,
                StandardCharsets.UTF_8, StandardCharsets.UTF_16, StandardCharsets.UTF_16LE))
            .as((text, charset) -> text.getBytes(charset));
        return Arbitraries.frequencyOf(Tuple.of(6, encoded),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(1, Arbitraries.just(("{\"channel\":\"POLICE\",\"pad\":\"" + "p".repeat(20_000)
                        + "\"}").getBytes(StandardCharsets.UTF_8))));
    }

    private Answer send(Attempt attempt) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(attempt.method()).append(' ').append(attempt.target())
            .append(" HTTP/1.1\r\n");
        if (attempt.headers().stream().noneMatch(header -> header.getKey().equals("Host"))) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        attempt.headers().forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue())
            .append("\r\n"));
        head.append("Content-Length: ").append(attempt.body().length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        // the request line and the headers as UTF-8: raw Chinese in a path, é in a header value
        request.write(head.toString().getBytes(StandardCharsets.UTF_8));
        request.write(attempt.body());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            }
            catch (IOException refusedEarly) {
                // the gateway answered and closed before reading the whole body (a body over the limit): read it
            }
            return read(socket.getInputStream(), attempt.what());
        }
    }

    /** The first final answer on the connection (interim 1xx answers skipped); its body unchunked. */
    private static Answer read(InputStream in, String what) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        }
        catch (IOException reset) {
            // an answer to a body the gateway would not read, then its close with the body unread: a reset after it
        }
        byte[] all = read.toByteArray();
        int offset = 0;
        while (true) {
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), offset);
            assertThat(end).as(what + ": an answer, got " + new String(all, StandardCharsets.ISO_8859_1))
                .isNotNegative();
            String[] lines = new String(all, offset, end - offset, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            offset = end + 4;
            if (status < 200) {
                continue;
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
                body = unchunk(all, offset);
            }
            else if (first(headers, "content-length") != null) {
                int length = Integer.parseInt(first(headers, "content-length"));
                body = Arrays.copyOfRange(all, offset, Math.min(all.length, offset + length));
            }
            else {
                body = Arrays.copyOfRange(all, offset, all.length);
            }
            return new Answer(status, headers, body);
        }
    }

    private static byte[] unchunk(byte[] all, int offset) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = offset;
        while (at < all.length) {
            int lineEnd = indexOf(all, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            int size = Integer.parseInt(new String(all, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0]
                .trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(all, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = from; i <= bytes.length - part.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        String single = text.replace("\r", "\\r").replace("\n", "\\n");
        return single.length() <= 160 ? single : single.substring(0, 160) + "… (" + single.length() + " chars)";
    }
}
