package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.security.AccessTable;
import cn.onenet.contracts.security.Role;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;

class ConsoleIntegrationTests extends GatewayIntegrationTestSupport {

    @Test
    void servesTheConsoleAtTheRoot() {
        String page = web.get().uri("/")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(page).contains("一张网", "OneNetwork", "app.js", "app.css");
        assertThat(page).doesNotContain("http://", "https://"); // nothing external can load here
    }

    @Test
    void servesTheConsolesScriptAndStyles() {
        web.get().uri("/app.js")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/javascript")
            .expectHeader().cacheControl(CacheControl.noCache());
        web.get().uri("/app.css")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/css");
    }

    @Test
    void readsTheTriageQueueFromRoutingsQueueOldestFirstWithWhyEachWaits() {
        String script = served("/app.js");

        // the queue itself, oldest first with its true total: not the newest-first pages of the order list
        assertThat(script).contains("${API}/requests/triage").doesNotContain("status: 'TRIAGE'", "status: 'RETURNED'");
        assertThat(script).contains("order.reason", "order.since");
        // a decision clicked again after a lost answer is the same decision: one key, answered, not taken twice
        assertThat(script).contains("'Idempotency-Key': decisionKey(path, id, detailVersion, body)",
                "'Idempotency-Key': decisionKey('dispatch', order.id,");
        // every order of the queue can be reached, a page at a time, not only the oldest hundred
        assertThat(script).contains("fetchTriage(TRIAGE_PAGE, triagePage.page)", "#triage-next", "#triage-prev");
        assertThat(served("/")).contains("id=\"triage-pager\"", "id=\"triage-next\"", "id=\"triage-prev\"");
    }

    @Test
    void listsTheExtensionRequestsWaitingForASupervisorsDecision() {
        String script = served("/app.js");

        // routing's list, oldest request first; each opens the order, whose detail holds approve and refuse
        assertThat(script).contains("${API}/supervision/extensions", "openDetail(request.id)",
                "request.requestedUntil", "request.reason");
        assertThat(served("/")).contains("id=\"extensions-card\"", "id=\"extensions-list\"", "待审批延期");
    }

    @Test
    void acceptFormOffersTheCommunitysGridsAndSendsTheOneChosen() {
        String page = served("/");
        String script = served("/app.js");

        // an optional select, its 400 (location.grid) shown on it; filled from the chosen community's grids
        assertThat(page).contains("data-field=\"location.grid\"", "<select name=\"grid\" id=\"accept-grid\">");
        assertThat(script).contains("community.grids", "grid: trimmed(data.get('grid'))");
    }

    @Test
    void showsEachPersonTheTabsTheirRolesMayUseAndOpensOnTheirDailyWork() {
        String page = served("/");
        String script = served("/app.js");

        // each tab for exactly the roles the gateway lets make its calls: nobody is shown a tab that answers 403
        Map<String, Set<Role>> tabRoles = tabRoles(script);
        assertThat(tabRoles.get("accept")).isEqualTo(rolesFor("POST", "/api/v1/requests"));
        assertThat(tabRoles.get("orders")).isEqualTo(rolesFor("GET", "/api/v1/requests"));
        assertThat(tabRoles.get("triage")).isEqualTo(rolesFor("GET", "/api/v1/requests/triage"));
        assertThat(tabRoles.values()).as("admins and community staff have no tab of the console")
            .noneMatch(roles -> roles.contains(Role.ADMIN) || roles.contains(Role.COMMUNITY_ADMIN));
        // operators open on Accept, dispatchers on Triage, supervisors on Orders (no statistics tab yet)
        assertThat(script).contains("const HOME_TABS = [['OPERATOR', 'accept'], ['DISPATCHER', 'triage'], "
                + "['SUPERVISOR', 'orders']];");
        // the others' buttons and panels hidden; an address naming one of them opens the home tab instead
        assertThat(script).contains("tab.hidden = !mayUse(tab.dataset.tab);", "showUsableTabs(location.hash",
                "return mayUse('triage');", "const usable = tabs.filter((t) => !t.hidden);")
            .doesNotContain("? initial : 'accept'");
        // no tab at all: what the console offers to whom, in both languages
        assertThat(page).contains("id=\"panel-none\"", "此运行台没有您可用的功能", "Nothing in this console is for your roles",
                "id=\"no-tab-offers\"");
        assertThat(script).contains("$('#panel-none').hidden = home !== null;", "ROLE_NAMES[role]");
    }

    @Test
    void neverTouchesTheServicesToServeTheConsole() {
        web.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();

        assertThat(INTAKE.received()).isEmpty();
        assertThat(ROUTING.received()).isEmpty();
    }

    /** The console's {@code TAB_ROLES}: tab → the roles it is shown to. */
    private static Map<String, Set<Role>> tabRoles(String script) {
        String table = script.substring(script.indexOf("const TAB_ROLES = {"), script.indexOf("};", script.indexOf(
                "const TAB_ROLES = {")));
        Matcher tab = Pattern.compile("(\\w+): \\[([^\\]]*)\\]").matcher(table);
        Map<String, Set<Role>> roles = new java.util.HashMap<>();
        while (tab.find()) {
            roles.put(tab.group(1), Arrays.stream(tab.group(2).split(",")).map(role -> role.strip().replace("'", ""))
                .map(Role::valueOf).collect(Collectors.toSet()));
        }
        assertThat(roles).containsOnlyKeys("accept", "orders", "triage");
        return roles;
    }

    /** The roles of the access table's first rule naming the call's path. */
    private static Set<Role> rolesFor(String method, String path) {
        return AccessTable.API.stream()
            .filter(rule -> rule.methods().contains(method) && rule.paths().contains(path))
            .findFirst()
            .orElseThrow()
            .roles();
    }

    private String served(String path) {
        return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
    }
}
