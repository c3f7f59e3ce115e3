package cn.onenet.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the starter reads JSON bodies and headers in a minimal servlet service: strictly, with every offending field
 * in one 400 answer, and never a 5xx for what a caller sent.
 */
@SpringBootTest(classes = JsonBodiesIntegrationTests.Service.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "logging.structured.format.console=",
            "management.endpoints.web.exposure.include=health,prometheus",
            "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                    + "cn.onenet.platform.kafka.OneNetKafkaConfiguration" })
public class JsonBodiesIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<Object> RECEIVED = new CopyOnWriteArrayList<>();

    enum Urgency {
        NORMAL, URGENT
    }

    record Place(@NotBlank @Size(max = 10) String community, @DecimalMax("90") Double latitude) {
    }

    record Day(@NotNull java.time.LocalDate date, @Size(max = 5) String name) {
    }

    record Order(@NotBlank @Size(max = 10) String title, @NotBlank String description,
            @Pattern(regexp = "1\\d{10}", message = "must be a mobile number") String phone, Urgency urgency,
            Boolean urgent, Integer priority, @NotNull @Valid Place place, @Size(max = 2) List<@Valid Day> days,
            OffsetDateTime until, @Size(max = 3) Set<@NotBlank String> categories) {
    }

    @SpringBootApplication
    @RestController
    static class Service {

        @PostMapping("/orders")
        String order(@Valid @RequestBody Order order) {
            RECEIVED.add(order);
            return "ok";
        }

        @PostMapping("/shelves/{code}/orders")
        String shelved(@PathVariable @Pattern(regexp = "[a-z]+", message = "must be lower-case letters") String code,
                @RequestParam(defaultValue = "1") @Min(1) int copies, @Valid @RequestBody Order order) {
            RECEIVED.add(order);
            return "ok";
        }

        @GetMapping("/due")
        String due(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime start,
                @RequestParam @Min(0) @Max(365) int workingDays, @RequestParam(required = false) List<Urgency> urgency,
                @RequestParam(defaultValue = "0") @Min(0) int page) {
            RECEIVED.add(start);
            return "ok";
        }

        @PutMapping("/orders/{code}")
        String replace(@PathVariable String code, @Valid @RequestBody Order order) {
            RECEIVED.add(order);
            return "ok";
        }

        @PostMapping("/keyed")
        String keyed(@RequestHeader(name = "Idempotency-Key", required = false) String key) {
            RECEIVED.add(key == null ? "none" : key);
            return "ok";
        }
    }

    @Value("${local.server.port}")
    int port;

    @BeforeEach
    void forgetWhatWasReceived() {
        RECEIVED.clear();
    }

    @Test
    void acceptsAValidBody() {
        HttpResponse<String> response = post(valid());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("a String answer is text, not a JSON string").isEqualTo("ok");
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void listsABadEnumValueWithTheFieldsThatFailValidation() {
        String body = valid().replace("\"urgency\":\"NORMAL\"", "\"urgency\":\"HIGH\"")
            .replace("\"title\":\"助餐\"", "\"title\":\"\"").replace("\"phone\":\"13800138000\"", "\"phone\":\"12345\"")
            .replace("\"latitude\":30.27", "\"latitude\":91");

        HttpResponse<String> response = post(body);

        assertRefused(response, "urgency", "title", "phone", "place.latitude");
        assertThat(message(response, "urgency")).contains("NORMAL", "URGENT");
    }

    @Test
    void listsEveryUnknownField() {
        String body = valid().replace("\"community\":", "\"foo\":1,\"community\":")
            .replace("{\"title\"", "{\"status\":\"CLOSED\",\"bar\":{\"x\":[1,2]},\"title\"");

        assertRefused(post(body), "place.foo", "status", "bar");
    }

    @Test
    void namesTheFirstHundredProblemsAndCountsTheRest() {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            extra.append("\"f").append(String.format("%04d", i)).append("\":1,");
        }
        HttpResponse<String> response = post(valid().replace("{\"title\"", "{" + extra + "\"title\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().length()).as("about its 43 KB body's size, not 478 KB").isLessThan(20_000);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
            .hasSize(100).startsWith("f0000", "f0001").endsWith("f0099");
        assertThat(problem.get("moreErrors").asInt()).isEqualTo(2900);
        assertThat(problem.get("detail").asString()).startsWith("f0000: unknown field").endsWith("; and 2900 more");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void listsEveryValueOfTheWrongTypeAndTheValidationOfTheRest() {
        String body = valid().replace("\"title\":\"助餐\"", "\"title\":[\"x\"]")
            .replace("\"phone\":\"13800138000\"", "\"phone\":13800138000")
            .replace("\"latitude\":30.27", "\"latitude\":\"north\"")
            .replace("\"description\":\"送餐\"", "\"description\":\"\"")
            .replace("\"place\":{", "\"days\":[{\"date\":\"2026-10-01\",\"name\":\"National Day\"},"
                    + "{\"date\":\"soon\"}],\"place\":{");

        HttpResponse<String> response = post(body);

        assertRefused(response, "title", "phone", "place.latitude", "description", "days[0].name", "days[1].date");
        assertThat(message(response, "title")).isEqualTo("has the wrong type; expected a string");
        assertThat(message(response, "days[1].date")).contains("ISO-8601 date");
    }

    /** The path's and the query's problems beside the body's, whether the body could be read or not. */
    @Test
    void namesThePathAndTheQueryBesideTheBody() {
        HttpResponse<String> unreadable = post("/shelves/A_1/orders?copies=0",
                valid().replace("\"title\":\"助餐\"", "\"title\":[\"x\"]").replace("\"description\":\"送餐\"",
                        "\"description\":\"\""));
        assertRefused(unreadable, "code", "copies", "title", "description");
        assertThat(message(unreadable, "code")).isEqualTo("must be lower-case letters");
        HttpResponse<String> readable = post("/shelves/A_1/orders?copies=0", valid().replace("\"description\":\"送餐\"",
                "\"description\":\"\""));
        assertThat(readable.statusCode()).isEqualTo(400);
        assertThat(fields(readable)).containsExactlyInAnyOrder("code", "copies", "description");
        assertThat(post("/shelves/abc/orders?copies=2", valid()).statusCode()).isEqualTo(200);
    }

    @Test
    void convertsNoStringNumberOrBooleanIntoAnother() {
        for (String[] wrong : new String[][] { { "\"title\":\"助餐\"", "\"title\":123" },
            { "\"description\":\"送餐\"", "\"description\":true" }, { "\"latitude\":30.27", "\"latitude\":\"30.1\"" },
            { "\"phone\":\"13800138000\"", "\"phone\":13800138000" }, { "\"urgent\":true", "\"urgent\":\"true\"" },
            { "\"urgent\":true", "\"urgent\":1" }, { "\"priority\":3", "\"priority\":\"3\"" },
            { "\"latitude\":30.27", "\"latitude\":\"\"" } }) {
            HttpResponse<String> response = post(valid().replace(wrong[0], wrong[1]));
            String field = wrong[0].substring(1, wrong[0].indexOf('"', 1));
            assertThat(response.statusCode()).as(wrong[1]).isEqualTo(400);
            assertThat(fields(response)).as(wrong[1])
                .containsExactly(field.equals("latitude") ? "place.latitude" : field);
        }
        assertThat(RECEIVED).isEmpty();
    }

    /** A fraction is no whole number, and a date or a date-time is a string in its ISO form, not a number. */
    @Test
    void convertsNoNumberIntoAWholeNumberOrADate() {
        String day = "\"days\":[{\"date\":\"2026-10-01\"}],";
        for (String[] wrong : new String[][] { { "\"priority\":3", "\"priority\":1.5", "priority" },
            { "\"until\":\"2026-12-01T10:00:00+08:00\"", "\"until\":1799719200", "until" },
            { "\"until\":\"2026-12-01T10:00:00+08:00\"", "\"until\":1799719200.5", "until" },
            { day, day.replace("\"2026-10-01\"", "22280"), "days[0].date" },
            { day, day.replace("\"2026-10-01\"", "[2031,1,2]"), "days[0].date" } }) {
            HttpResponse<String> response = post(valid().replace("\"place\":", day + "\"place\":")
                .replace(wrong[0], wrong[1]));
            assertThat(response.statusCode()).as(wrong[1]).isEqualTo(400);
            assertThat(fields(response)).as(wrong[1]).containsExactly(wrong[2]);
            assertThat(message(response, wrong[2])).as(wrong[1])
                .isIn("has the wrong type; expected a whole number", "must be an ISO-8601 date, e.g. 2026-10-01",
                        "must be an ISO-8601 date-time with offset, e.g. 2026-11-28T10:15:30+08:00");
        }
        assertThat(RECEIVED).isEmpty();
    }

    /** A number too large for its field is a problem of that field, beside the body's others. */
    @Test
    void namesAWholeNumberOutOfRangeBesideTheOtherFields() {
        for (String large : new String[] { "99999999999", "99999999999999999999", "-2147483649" }) {
            HttpResponse<String> response = post(valid().replace("\"priority\":3", "\"priority\":" + large)
                .replace("\"description\":\"送餐\"", "\"description\":\"\""));

            assertRefused(response, "priority", "description");
            assertThat(message(response, "priority")).as(large)
                .isEqualTo("must be a whole number from -2147483648 to 2147483647");
        }
    }

    /** Every key given twice is named, wherever it stands, beside the problems met before or after it. */
    @Test
    void namesEveryKeyGivenTwiceBesideTheOtherProblems() {
        HttpResponse<String> response = post(valid().replace("\"title\":\"助餐\"", "\"title\":5")
            .replace("\"description\":\"送餐\"", "\"description\":\"a\",\"description\":\"b\"")
            .replace("\"place\":", "\"days\":[{\"date\":\"2026-10-01\"},{\"date\":\"2026-10-02\",\"name\":\"a\","
                    + "\"name\":\"b\"}],\"place\":{\"community\":\"x\",\"foo\":1},\"place\":"));

        assertRefused(response, "title", "description", "days[1].name", "place", "place.foo");
        assertThat(message(response, "description")).isEqualTo("is given more than once; send each field once");
        assertThat(message(response, "place")).isEqualTo("is given more than once; send each field once");
        assertThat(message(response, "days[1].name")).isEqualTo("is given more than once; send each field once");
    }

    /** An item that can't be read is named once, where it stands; a check of the whole collection still counts. */
    @Test
    void namesAnUnreadableItemOnceAndStillChecksItsCollection() {
        HttpResponse<String> one = post(valid().replace("\"place\":", "\"categories\":[\"ok\",5],\"place\":"));
        assertRefused(one, "categories[1]");

        HttpResponse<String> more = post(valid().replace("\"place\":",
                "\"categories\":[\"\",5,\"a\",\"b\"],\"place\":"));
        assertRefused(more, "categories[1]", "categories[]", "categories");
        assertThat(message(more, "categories[]")).isEqualTo("must not be blank");
        assertThat(message(more, "categories")).startsWith("size must be");
    }

    /** A body that can't be read at all still leaves the path's and the query's problems to be named. */
    @Test
    void namesThePathAndTheQueryBesideABodyThatIsNotJson() {
        HttpResponse<String> broken = post("/shelves/A_1/orders?copies=0", "{\"name\":\"x\",");

        assertRefused(broken, "body", "code", "copies");
        assertThat(message(broken, "body")).startsWith("The body is not well-formed JSON").doesNotContain("Source");
        assertThat(JSON.readTree(broken.body()).get("detail").asString()).doesNotContain("Source", "REDACTED");
        for (String notAnObject : new String[] { "[]", "null", "\"str\"", "5" }) {
            HttpResponse<String> response = post(notAnObject);
            assertThat(response.statusCode()).as(notAnObject).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("detail").asString()).as(notAnObject)
                .isEqualTo("The body must be a JSON object.");
        }
        assertThat(RECEIVED).isEmpty();
    }

    /** A body that stops being JSON after a field that is wrong says both, not only the field. */
    @Test
    void saysABodyBreaksOffAfterAWrongField() {
        HttpResponse<String> response = post("{\"title\":5,\"description\":\"x\"");

        assertRefused(response, "title", "body");
        assertThat(message(response, "body")).startsWith("The body is not well-formed JSON");
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertRefused(post(valid().replace("{\"title\":\"助餐\"", "{\"title\":\"助餐\",\"title\":\"别的\"")), "title");
        assertRefused(post(valid().replace("\"latitude\":30.27", "\"latitude\":30.27,\"latitude\":31")),
                "place.latitude");
    }

    @Test
    void saysADateTimeIsExpectedInItsIsoForm() {
        HttpResponse<String> response = post(valid().replace("\"until\":\"2026-12-01T10:00:00+08:00\"",
                "\"until\":\"tomorrow\""));

        assertRefused(response, "until");
        assertThat(message(response, "until")).contains("ISO-8601 date-time with offset");
    }

    @Test
    void answersBodiesThatAreNotJsonWithOneProblem() {
        HttpResponse<String> response = post("{\"title\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://onenet.cn/problems/invalid-body");
        assertThat(problem.get("errors")).isNull();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void answersAHeaderValueTheFirewallRefusesWith400NamingTheHeader() {
        for (byte[] value : List.of("中文".getBytes(StandardCharsets.UTF_8), "ключ".getBytes(StandardCharsets.UTF_8),
                new byte[] { 'k', (byte) 0x85 })) {
            String response = raw(port, "/keyed", "Idempotency-Key", value);

            assertThat(response).startsWith("HTTP/1.1 400");
            JsonNode problem = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(problem.get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        }
        assertThat(RECEIVED).isEmpty();
    }

    /** A query is read to the end: every parameter that can't be read, is missing or breaks a rule, at once. */
    @Test
    void namesEveryBadQueryParameterInOneAnswer() {
        HttpResponse<String> wrong = get("/due?start=bad&workingDays=-3&urgency=SOON&page=-1");
        HttpResponse<String> missing = get("/due?workingDays=x&page=2");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(fields(wrong)).containsExactlyInAnyOrder("start", "workingDays", "urgency", "page");
        assertThat(message(wrong, "start")).startsWith("must be an ISO-8601 date-time with offset");
        assertThat(message(wrong, "workingDays")).isEqualTo("must be greater than or equal to 0");
        assertThat(message(wrong, "urgency")).isEqualTo("must be one of NORMAL, URGENT");
        assertThat(fields(missing)).containsExactlyInAnyOrder("start", "workingDays");
        assertThat(message(missing, "start")).isEqualTo("is required");
        assertThat(message(missing, "workingDays")).isEqualTo("must be a whole number");
        assertThat(RECEIVED).isEmpty();
        assertThat(get("/due?start=2026-12-01T10:00:00%2B08:00&workingDays=3&urgency=URGENT").statusCode())
            .isEqualTo(200);
        // a parameter taken once, given twice: refused, with the others' problems, not read as one of its values
        int received = RECEIVED.size();
        HttpResponse<String> twice = get("/due?start=2026-12-01T10:00:00Z&workingDays=3&workingDays=4&page=x"
                + "&urgency=URGENT&urgency=NORMAL");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(fields(twice)).containsExactlyInAnyOrder("workingDays", "page");
        assertThat(message(twice, "workingDays")).isEqualTo("is given 2 times; give it once");
        assertThat(RECEIVED).hasSize(received);
        // as typed into a browser or curl: the + arrives as a space, and is read as the + it was
        assertThat(get("/due?start=2026-12-01T10:00:00+08:00&workingDays=3").statusCode()).isEqualTo(200);
        assertThat(get("/due?start=2026-12-01T02:00:00Z&workingDays=3").statusCode()).isEqualTo(200);
        assertThat(RECEIVED).containsExactly(OffsetDateTime.parse("2026-12-01T10:00:00+08:00"),
                OffsetDateTime.parse("2026-12-01T10:00:00+08:00"), OffsetDateTime.parse("2026-12-01T02:00:00Z"));
        assertThat(fields(get("/due?start=2026-12-01T10:00:00%2008:00%20x&workingDays=3"))).containsExactly("start");
        HttpResponse<String> nowhere = get("/api/v1/nowhere");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(nowhere.body()).get("detail").asString())
            .startsWith("No endpoint GET /api/v1/nowhere");
    }

    /**
     * Form and multipart bodies, which no endpoint takes, are a 415 like any other type it does not take: a broken
     * multipart body was parsed before the handler (a 500), a PUT's form body read by a filter (a 500 with Boot's
     * error page), and a POST's form body with {@code %ZZ} failed the first read of a parameter (a 500).
     */
    @Test
    void refusesFormAndMultipartBodiesAs415AndAQueryThatIsNoUtf8Naming400() {
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=xx")) {
            for (String path : List.of("/orders", "/orders/a")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", type);
                String body = "a=1&b=%ZZ&--xx\r\nbroken";
                HttpResponse<String> refused = send(path.equals("/orders/a")
                        ? request.PUT(HttpRequest.BodyPublishers.ofString(body)).build()
                        : request.POST(HttpRequest.BodyPublishers.ofString(body)).build());

                assertThat(refused.statusCode()).as(type + " " + path).isEqualTo(415);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        assertThat(RECEIVED).isEmpty();

        HttpResponse<String> halfACharacter = get("/due?start=2026-12-01T10:00:00%2B08:00&workingDays=1&note=%E4%B8");
        assertThat(halfACharacter.statusCode()).isEqualTo(400);
        assertThat(fields(halfACharacter)).containsExactly("note");
        assertThat(message(halfACharacter, "note")).startsWith("is not valid percent-encoded UTF-8");
        assertThat(RECEIVED).isEmpty();
    }

    /**
     * An Accept that is no media type was answered 406 — or a refusal's own status — with no body at all; an empty
     * one made Actuator's Prometheus endpoint fail with a 500.
     */
    @Test
    void refusesAnAcceptThatIsNoMediaTypeNamingItAndTakesAnEmptyOneAsNone() {
        // "a/b: Spring's parser fails it with an index out of bounds, a 500
        for (String accept : List.of(")|", "*/*;q=abc", "application/json;charset=utf-99", "\"a/b")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/due?start=2026-12-01T10:00:00%2B08:00&workingDays=1")).header("Accept", accept).build());

            assertThat(refused.statusCode()).as(accept).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(fields(refused)).containsExactly("Accept");
            assertThat(message(refused, "Accept")).startsWith("'" + accept + "' is no media type: ")
                .doesNotContain("Invalid", "input string");
        }
        assertThat(RECEIVED).isEmpty();

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).header("Accept", "").build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
        HttpResponse<String> due = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/due?start=2026-12-01T10:00:00%2B08:00&workingDays=1")).header("Accept", "").build());
        assertThat(due.statusCode()).isEqualTo(200);
    }

    /** A Content-Type Spring's parser fails with an index out of bounds was a 500; one it refuses stays a 415. */
    @Test
    void refusesAContentTypeSpringCannotReadNamingIt() {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
            .header("Content-Type", "\"a/b").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("Content-Type");
        assertThat(message(refused, "Content-Type"))
            .startsWith("'\"a/b' is no media type: a quote (\") where a type/subtype should begin");
        HttpResponse<String> unsupported = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/orders"))
            .header("Content-Type", ")|").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(RECEIVED).isEmpty();
    }

    /** A health component that does not exist: Actuator's 404 had no body; the caller reads Problem Details. */
    @Test
    void answersAHealthComponentThatIsNoneWithProblemDetails() {
        HttpResponse<String> none = get("/actuator/health/nothing");

        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(none.body()).get("detail").asString())
            .isEqualTo("Nothing is served at /actuator/health/nothing.");
        assertThat(JSON.readTree(none.body()).get("correlationId").asString())
            .isEqualTo(none.headers().firstValue("X-Correlation-Id").orElseThrow());
        // an answer with a body passes as it is, whatever its status (here 503: no store in this test)
        assertThat(get("/actuator/health").body()).startsWith("{\"").contains("\"status\":").doesNotContain("problems");
    }

    private void assertRefused(HttpResponse<String> response, String... fields) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asString())
            .isEqualTo("https://onenet.cn/problems/invalid-body");
        assertThat(fields(response)).containsExactlyInAnyOrder(fields);
        assertThat(RECEIVED).isEmpty();
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static String message(HttpResponse<String> response, String field) {
        for (JsonNode error : JSON.readTree(response.body()).get("errors")) {
            if (error.get("field").asString().equals(field)) {
                return error.get("message").asString();
            }
        }
        return null;
    }

    static String valid() {
        return "{\"title\":\"助餐\",\"description\":\"送餐\",\"phone\":\"13800138000\",\"urgency\":\"NORMAL\","
                + "\"urgent\":true,\"priority\":3,\"until\":\"2026-12-01T10:00:00+08:00\","
                + "\"place\":{\"community\":\"xingzhou\",\"latitude\":30.27}}";
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build());
    }

    private HttpResponse<String> post(String json) {
        return post("/orders", json);
    }

    private HttpResponse<String> post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A POST with a header value of raw bytes, which Java's HTTP client would not send; the whole answer. */
    public static String raw(int port, String path, String header, byte[] value) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n"
                    + header + ": ").getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            // a chunked answer: keep the status line, the headers and the first chunk's text
            int bodyAt = text.indexOf("\r\n\r\n") + 4;
            String body = text.substring(bodyAt);
            if (text.substring(0, bodyAt).toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            return text.substring(0, bodyAt) + body;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
