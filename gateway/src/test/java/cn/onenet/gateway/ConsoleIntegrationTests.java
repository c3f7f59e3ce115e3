package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
    void neverTouchesTheServicesToServeTheConsole() {
        web.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();

        assertThat(INTAKE.received()).isEmpty();
        assertThat(ROUTING.received()).isEmpty();
    }

    private String served(String path) {
        return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
    }
}
