package cn.onenet.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** Rules as data, through HTTP. Each test's rules carry a keyword only its own requests contain. */
class RulesIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Test
    void startsWithTheDemoRules() {
        assertThat(get("/api/v1/rules").body()).extracting(rule -> rule.get("name").asString())
            .contains("涉诈线索一律派出所主办");
        JsonNode decision = post("/api/v1/rules/dry-run",
                "{\"category\":\"neighbour-dispute\",\"title\":\"有人冒充公检法要我转账\"}").body();
        assertThat(decision.get("department").asString()).isEqualTo("police-wenxin");
        assertThat(decision.get("ruleName").asString()).isEqualTo("涉诈线索一律派出所主办");
    }

    @Test
    void theHighestPriorityMatchingRuleDecidesWithItsCoDepartments() {
        String keyword = keyword();
        assertThat(createRule("低优先级", 10, keyword, "urban-management", "[]").status()).isEqualTo(201);
        String winner = createRule("高优先级", 900, keyword, "housing", "[\"xingzhou-committee\",\"civil-affairs\"]").body()
            .get("id").asString();

        JsonNode decision = post("/api/v1/rules/dry-run",
                "{\"category\":\"sanitation\",\"community\":\"xingzhou\",\"channel\":\"HOTLINE\",\"title\":\"楼道" + keyword + "\"}").body();
        JsonNode withoutKeyword = post("/api/v1/rules/dry-run", "{\"category\":\"sanitation\",\"title\":\"楼道垃圾\"}").body();

        assertThat(decision.get("outcome").asString()).isEqualTo("DISPATCHED");
        assertThat(decision.get("department").asString()).isEqualTo("housing");
        assertThat(decision.get("coDepartments")).extracting(JsonNode::asString).containsExactly("xingzhou-committee", "civil-affairs");
        assertThat(decision.get("ruleId").asString()).isEqualTo(winner);
        assertThat(withoutKeyword.get("department").asString()).isEqualTo("urban-management");
        assertThat(withoutKeyword.get("ruleId").isNull()).isTrue();
        assertThat(withoutKeyword.get("reason").asString()).startsWith("catalogue");
    }

    @Test
    void refusesRulesThatNameUnknownDepartmentsOrCategories() {
        Response invalid = post("/api/v1/rules", "{\"name\":\"坏规则\",\"priority\":1,\"categories\":[\"flying-cars\"],"
                + "\"keywords\":[\"x\"],\"leadDepartment\":\"nobody\",\"coDepartments\":[\"nobody-else\"]}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("leadDepartment", "coDepartments[0]", "categories");
        assertThat(post("/api/v1/rules", "{\"name\":\"\",\"priority\":-1,\"leadDepartment\":\"housing\"}").status())
            .isEqualTo(400);
        // the unknown codes are named beside the body's other problems, also when a value can't be read at all
        Response together = post("/api/v1/rules", "{\"name\":\" \",\"priority\":1,\"categories\":[\"flying-cars\"],"
                + "\"channels\":[\"CARRIER_PIGEON\"],\"leadDepartment\":\"nobody\"}");
        assertThat(together.status()).isEqualTo(400);
        assertThat(together.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("name", "categories", "channels[0]", "leadDepartment");
        Response dryRun = post("/api/v1/rules/dry-run", "{\"category\":\"flying-cars\",\"urgency\":\"SOONISH\","
                + "\"grid\":\"atlantis-01\",\"title\":\"${7*7}{x}\"}");
        assertThat(dryRun.status()).isEqualTo(400);
        assertThat(dryRun.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("category", "urgency", "grid");
        // each value named by its place; a code too long to be one is refused as such, not looked up and echoed
        Response placed = post("/api/v1/rules", "{\"name\":\"x\",\"priority\":1,\"categories\":[\"no-such\",\" \"],"
                + "\"channels\":[null],\"leadDepartment\":\"housing\"}");
        assertThat(placed.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("categories", "categories[1]", "channels[0]");
        Response unreadableItem = post("/api/v1/rules", "{\"name\":\"x\",\"priority\":1,\"categories\":[\"no-such\",5],"
                + "\"leadDepartment\":\"housing\"}");
        assertThat(unreadableItem.body().get("errors")).extracting(error -> error.get("field").asString())
            .as("the unreadable item once, and the unknown one beside it").containsExactlyInAnyOrder("categories",
                    "categories[1]");
        Response tooLong = post("/api/v1/rules/dry-run", "{\"category\":\"" + "c".repeat(5000) + "\"}");
        assertThat(tooLong.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("category");
        assertThat(tooLong.body().toString()).doesNotContain("c".repeat(100));
        Response template = post("/api/v1/rules/dry-run",
                "{\"category\":\"x${7*7}{jakarta.validation.constraints.NotNull.message}\\\\\"}");
        assertThat(template.body().get("errors").get(0).get("message").asString())
            .as("a code a caller wrote is shown as written, never read as a message template")
            .isEqualTo("no category x${7*7}{jakarta.validation.constraints.NotNull.message}\\ (see GET "
                    + "/api/v1/catalogue)");
    }

    @Test
    void everyChangeIsAuditedAndAChangedRuleNeverMovesOrdersAlreadyDispatched() throws Exception {
        String keyword = keyword();
        String id = createRule("临时规则", 800, keyword, "urban-management", "[]").body().get("id").asString();
        RequestSubmitted before = submitted("sanitation", "井盖" + keyword);
        submit(before);
        awaitDepartment(before.requestId(), "urban-management");

        Response updated = send(HttpRequest.newBuilder(uri("/api/v1/rules/" + id)).header("Content-Type", "application/json")
            .header("X-Actor", "supervisor:wang")
            .PUT(HttpRequest.BodyPublishers.ofString(ruleJson("临时规则（改）", 800, keyword, "housing", "[]"))));
        assertThat(updated.status()).isEqualTo(200);
        RequestSubmitted after = submitted("sanitation", "井盖" + keyword);
        submit(after);
        awaitDepartment(after.requestId(), "housing");
        assertThat(get("/api/v1/requests/" + before.requestId()).body().get("department").asString()).isEqualTo("urban-management");

        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/rules/" + id)).header("X-Actor", "supervisor:li").DELETE()).status())
            .isEqualTo(204);
        JsonNode audit = get("/api/v1/rules/" + id + "/audit").body();
        assertThat(audit).extracting(change -> change.get("action").asString()).containsExactly("DELETED", "UPDATED", "CREATED");
        assertThat(audit).extracting(change -> change.get("actor").asString())
            .containsExactly("supervisor:li", "supervisor:wang", "anonymous");
        assertThat(audit.get(1).get("before").get("leadDepartment").asString()).isEqualTo("urban-management");
        assertThat(audit.get(1).get("after").get("leadDepartment").asString()).isEqualTo("housing");
        assertThat(get("/api/v1/rules/not-a-rule/audit").status()).isEqualTo(404);
        assertThat(get("/api/v1/rules/" + UUID.randomUUID() + "/audit").status()).isEqualTo(404);
        assertThat(get("/api/v1/rules/" + id).status()).isEqualTo(404);
    }

    @Test
    void aReturnedOrderGoesBackToTheRulesWithoutTheRefusingDepartmentThenToTheDispatcher() throws Exception {
        String keyword = keyword();
        createRule("先派街道", 700, keyword, "wenxin-street", "[]");
        RequestSubmitted request = submitted("housing-repair", "屋顶漏水" + keyword);
        submit(request);
        awaitDepartment(request.requestId(), "wenxin-street");
        String events = "/api/v1/requests/" + request.requestId() + "/events";

        JsonNode rerouted = post(events, "{\"type\":\"RETURNED\",\"department\":\"wenxin-street\",\"reason\":\"属住建部门职责\"}").body();
        assertThat(rerouted.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(rerouted.get("department").asString()).isEqualTo("housing");
        assertThat(rerouted.get("returnedBy")).extracting(JsonNode::asString).containsExactly("wenxin-street");

        JsonNode queued = post(events, "{\"type\":\"RETURNED\",\"department\":\"housing\",\"reason\":\"应由物业维修\"}").body();
        assertThat(queued.get("status").asString()).isEqualTo("RETURNED");
        JsonNode stored = get("/api/v1/requests/" + request.requestId()).body();
        assertThat(stored.get("status").asString()).isEqualTo("RETURNED");
        assertThat(stored.path("department").isMissingNode() || stored.get("department").isNull())
            .as("a returned order's department, as stored: %s", stored.path("department")).isTrue();
        JsonNode queue = get("/api/v1/requests/triage?size=100").body().get("content");
        assertThat(queue).filteredOn(entry -> entry.get("id").asString().equals(request.requestId().toString()))
            .singleElement()
            .satisfies(entry -> assertThat(entry.get("reason").asString()).contains("housing").contains("应由物业维修"));
        // the list the console's triage tab reads says who sent it back, so it isn't suggested to them again
        assertThat(get("/api/v1/requests?status=RETURNED&size=100").body().get("content"))
            .filteredOn(entry -> entry.get("id").asString().equals(request.requestId().toString()))
            .singleElement()
            .satisfies(entry -> assertThat(entry.get("returnedBy")).extracting(JsonNode::asString)
                .containsExactly("wenxin-street", "housing"));

        JsonNode ruled = post("/api/v1/requests/" + request.requestId() + "/dispatch",
                "{\"department\":\"housing\",\"coDepartments\":[\"xingzhou-committee\"],\"finalRuling\":true,\"note\":\"公共部位维修属住建\"}").body();
        assertThat(ruled.get("finalRuling").asBoolean()).isTrue();
        Response refused = post(events, "{\"type\":\"RETURNED\",\"department\":\"housing\",\"reason\":\"还是不归我们\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("终审");
    }

    @Test
    void rejectionsCarryAReasonFromTheFixedList() throws Exception {
        RequestSubmitted request = submitted("other", "咨询彩票中奖" + keyword());
        submit(request);
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + request.requestId()).status() == 200);

        JsonNode rejected = post("/api/v1/requests/" + request.requestId() + "/reject",
                "{\"code\":\"NOT_GOVERNMENT_MATTER\",\"reason\":\"不属于政府职能\"}").body();
        Response badCode = post("/api/v1/requests/" + request.requestId() + "/reject", "{\"code\":\"BORED\",\"reason\":\"x\"}");

        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("timeline").get(rejected.get("timeline").size() - 1).get("note").asString())
            .isEqualTo("[NOT_GOVERNMENT_MATTER] 不属于政府职能");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.body().get("errors").get(0).get("field").asString()).isEqualTo("code");
    }

    @Test
    void aGridRuleRoutesOnlyRequestsFromThatGrid() throws Exception {
        String keyword = keyword();
        Response created = post("/api/v1/rules", "{\"name\":\"德加第二网格（老旧小区）房屋维修：社区主办\",\"priority\":900,"
                + "\"categories\":[\"housing-repair\"],\"grids\":[\"dejia-02\"],\"keywords\":[\"" + keyword + "\"],"
                + "\"leadDepartment\":\"dejia-committee\",\"coDepartments\":[\"housing\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("grids")).extracting(JsonNode::asString).containsExactly("dejia-02");

        RequestSubmitted inGrid = submitted("housing-repair", "楼道漏水" + keyword, "dejia-02");
        RequestSubmitted elsewhere = submitted("housing-repair", "楼道漏水" + keyword, "dejia-01");
        submit(inGrid);
        submit(elsewhere);
        awaitDepartment(inGrid.requestId(), "dejia-committee");
        awaitDepartment(elsewhere.requestId(), "housing");
        assertThat(post("/api/v1/rules/dry-run", "{\"category\":\"housing-repair\",\"community\":\"dejia\","
                + "\"grid\":\"dejia-02\",\"title\":\"" + keyword + "\"}").body().get("department").asString())
            .isEqualTo("dejia-committee");
        Response misspeltGrid = post("/api/v1/rules/dry-run", "{\"category\":\"housing-repair\","
                + "\"community\":\"dejia\",\"grid\":\"dejia-2\"}");
        assertThat(misspeltGrid.status()).as("not answered as if no grid rule applied").isEqualTo(400);
        assertThat(misspeltGrid.body().get("errors").get(0).get("field").asString()).isEqualTo("grid");
        assertThat(post("/api/v1/rules/dry-run", "{\"category\":\"nope\",\"community\":\"nope\"}").body()
            .get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("category", "community");

        Response unknownGrid = post("/api/v1/rules", "{\"name\":\"x\",\"priority\":1,\"grids\":[\"atlantis-01\"],"
                + "\"leadDepartment\":\"housing\"}");
        Response wrongCommunity = post("/api/v1/rules", "{\"name\":\"x\",\"priority\":1,\"communities\":[\"hupan\"],"
                + "\"grids\":[\"dejia-02\"],\"leadDepartment\":\"housing\"}");
        assertThat(unknownGrid.status()).isEqualTo(400);
        assertThat(unknownGrid.body().get("errors").get(0).get("field").asString()).isEqualTo("grids");
        assertThat(wrongCommunity.status()).isEqualTo(400);
        assertThat(wrongCommunity.body().get("errors").get(0).get("message").asString()).contains("not in the rule's communities");
        assertThat(get("/api/v1/communities").body()).filteredOn(c -> c.get("code").asString().equals("dejia"))
            .first().satisfies(dejia -> assertThat(dejia.get("grids")).hasSize(3));
    }

    private Response createRule(String name, int priority, String keyword, String lead, String co) {
        return post("/api/v1/rules", ruleJson(name, priority, keyword, lead, co));
    }

    private static String ruleJson(String name, int priority, String keyword, String lead, String co) {
        return "{\"name\":\"" + name + "\",\"priority\":" + priority + ",\"keywords\":[\"" + keyword + "\"],"
                + "\"leadDepartment\":\"" + lead + "\",\"coDepartments\":" + co + "}";
    }

    /**
     * An emergency no rule could route is the first thing a dispatcher sees, not the hundred-and-first: the queue
     * gives emergencies, then urgent orders, then the rest, each oldest first, and its pages follow that order.
     */
    @Test
    void theTriageQueueGivesEmergenciesFirstThenUrgentOrdersEachOldestFirst() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (Urgency urgency : List.of(Urgency.NORMAL, Urgency.URGENT, Urgency.EMERGENCY)) {
            RequestSubmitted request = submitted("other", "无法归类的诉求" + keyword(), null, urgency);
            submit(request);
            ids.add(request.requestId());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    get("/api/v1/requests/" + request.requestId()).body().path("status").asString())
                .isEqualTo("TRIAGE"));
        }

        JsonNode queue = get("/api/v1/requests/triage?size=100").body();
        List<String> order = new ArrayList<>();
        queue.get("content").forEach(entry -> order.add(entry.get("id").asString()));
        assertThat(order.indexOf(ids.get(2).toString())).as("the emergency").isNotNegative()
            .isLessThan(order.indexOf(ids.get(1).toString()));
        assertThat(order.indexOf(ids.get(1).toString())).as("the urgent one")
            .isLessThan(order.indexOf(ids.get(0).toString()));
        assertQueueOrder(queue.get("content"));
        // across a page's end too
        List<JsonNode> twoPages = new ArrayList<>();
        get("/api/v1/requests/triage?size=2&page=0").body().get("content").forEach(twoPages::add);
        get("/api/v1/requests/triage?size=2&page=1").body().get("content").forEach(twoPages::add);
        assertThat(twoPages).hasSize((int) Math.min(4, queue.get("totalElements").asLong()));
        assertQueueOrder(JSON.valueToTree(twoPages));
    }

    private static void assertQueueOrder(JsonNode entries) {
        List<Urgency> ranks = List.of(Urgency.EMERGENCY, Urgency.URGENT, Urgency.NORMAL);
        for (int i = 1; i < entries.size(); i++) {
            JsonNode before = entries.get(i - 1);
            JsonNode after = entries.get(i);
            int byUrgency = Integer.compare(ranks.indexOf(Urgency.valueOf(before.get("urgency").asString())),
                    ranks.indexOf(Urgency.valueOf(after.get("urgency").asString())));
            assertThat(byUrgency).as("%s before %s", before, after).isNotPositive();
            if (byUrgency == 0) {
                assertThat(OffsetDateTime.parse(before.get("acceptedAt").asString()).toInstant())
                    .as("%s before %s", before, after)
                    .isBeforeOrEqualTo(OffsetDateTime.parse(after.get("acceptedAt").asString()).toInstant());
            }
        }
    }

    private static String keyword() {
        return "K" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void awaitDepartment(UUID id, String department) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response order = get("/api/v1/requests/" + id);
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.body().get("department").asString()).isEqualTo(department);
        });
    }

    /**
     * A rule deleted while someone changes it stays deleted (the change is a 404), and changes made at once are
     * audited as a chain: each one's "before" is what the one before it left.
     */
    @Test
    void aRuleDeletedWhileChangedStaysDeletedAndRacingChangesAuditAsAChain() throws Exception {
        ExecutorService supervisors = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                int round = i;
                String keyword = keyword();
                String id = createRule("待删除" + round, 900, keyword, "urban-management", "[]").body().get("id")
                    .asString();
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Integer> deleted = supervisors.submit(() -> {
                    together.await();
                    return send(HttpRequest.newBuilder(uri("/api/v1/rules/" + id)).DELETE()).status();
                });
                Future<Integer> changed = supervisors.submit(() -> {
                    together.await();
                    return putRule(id, ruleJson("改名" + round, 900, keyword, "housing", "[]"));
                });

                assertThat(deleted.get()).isEqualTo(204);
                assertThat(changed.get()).isIn(200, 404);
                assertThat(get("/api/v1/rules/" + id).status()).as("round %d", round).isEqualTo(404);
                assertThat(get("/api/v1/rules/" + id + "/audit").body().get(0).get("action").asString())
                    .isEqualTo("DELETED");
            }

            String keyword = keyword();
            String id = createRule("并发修改", 900, keyword, "urban-management", "[]").body().get("id").asString();
            CyclicBarrier together = new CyclicBarrier(4);
            List<Future<Integer>> changes = new ArrayList<>();
            for (String lead : List.of("housing", "civil-affairs", "human-resources", "police-wenxin")) {
                changes.add(supervisors.submit(() -> {
                    together.await();
                    return putRule(id, ruleJson("并发修改", 900, keyword, lead, "[]"));
                }));
            }
            for (Future<Integer> change : changes) {
                assertThat(change.get()).isEqualTo(200);
            }
            JsonNode audit = get("/api/v1/rules/" + id + "/audit").body();
            assertThat(audit).hasSize(5);
            for (int newer = 0; newer < 4; newer++) {
                assertThat(audit.get(newer).get("before").get("leadDepartment").asString())
                    .isEqualTo(audit.get(newer + 1).get("after").get("leadDepartment").asString());
            }
            assertThat(get("/api/v1/rules/" + id).body().get("leadDepartment").asString())
                .isEqualTo(audit.get(0).get("after").get("leadDepartment").asString());
        }
        finally {
            supervisors.shutdownNow();
        }
    }

    private int putRule(String id, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/rules/" + id)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))).status();
    }

    private void submit(RequestSubmitted submitted) throws Exception {
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted)).get();
    }

    private static RequestSubmitted submitted(String category, String title) {
        return submitted(category, title, null);
    }

    private static RequestSubmitted submitted(String category, String title, String grid) {
        return submitted(category, title, grid, Urgency.NORMAL);
    }

    private static RequestSubmitted submitted(String category, String title, String grid, Urgency urgency) {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getLeastSignificantBits() % 100_000_000_000_000_000L));
        return new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.HOTLINE, null, null, category, title,
                "市民来电反映", urgency, new Location("dejia", "德加社区", null, null, grid),
                new Requester("李四", "13900139000"), Instant.now());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()), "");
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
