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
            // its own hidden frame renews a sign-in (ConsoleScriptTests); no other site may frame it
            .expectHeader().valueEquals("X-Frame-Options", "SAMEORIGIN")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(page).contains("一张网", "OneNetwork", "app.js", "app.css");
        assertThat(page).doesNotContain("http://", "https://"); // nothing external can load here
    }

    /** An uptime check's HEAD of the console and its sign-in settings: 404 while GET served them. */
    @Test
    void answersAHeadOfTheConsoleAndItsSignInSettingsAsAGet() {
        web.head().uri("/")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody().isEmpty();
        web.head().uri("/console/config.json")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody().isEmpty();
    }

    /** A Range that is no byte range was a 416 with an HTML type and no body; RFC 9110 has it ignored. */
    @Test
    void ignoresARangeThatIsNoByteRangeAndServesOneThatIs() {
        web.get().uri("/")
            .header("Range", "?i\\Y>WR5lc")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class).value(page -> assertThat(page).contains("<html"));
        web.get().uri("/")
            .header("Range", "bytes=0-9")
            .exchange()
            .expectStatus().isEqualTo(206)
            .expectBody(String.class).value(page -> assertThat(page).hasSize(10));
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
        // a dispatch from the queue is decided on the order as listed: one rejected or merged since is not dispatched
        assertThat(script).contains("{ 'If-Match': `\"${order.version}\"` }", "The order changed since it was listed");
        // every order of the queue can be reached, a page at a time, not only the oldest hundred
        assertThat(script).contains("fetchTriage(TRIAGE_PAGE, triagePage.after())", "#triage-next", "#triage-prev");
        assertThat(served("/")).contains("id=\"triage-pager\"", "id=\"triage-next\"", "id=\"triage-prev\"");
    }

    @Test
    void listsTheExtensionRequestsWaitingForASupervisorsDecisionInTheSupervisionTab() {
        String page = served("/");
        String script = served("/app.js");

        // routing's list, oldest request first; each opens the order, whose detail holds approve and refuse
        assertThat(script).contains("${API}/supervision/extensions", "openDetail(request.id)",
                "request.requestedUntil", "request.reason");
        assertThat(page).contains("id=\"extensions-card\"", "id=\"extensions-list\"", "待审批延期");
        // the supervisors' card, in their tab: the triage tab (dispatchers' work) no longer reads it
        assertThat(panel(page, "supervision")).contains("id=\"extensions-card\"");
        assertThat(panel(page, "triage")).doesNotContain("extensions");
        assertThat(script).contains("loadSummary(), loadBacklog(), loadOverdue(), loadExtensions()")
            .doesNotContain("await loadTriage({ auto });\n        await loadExtensions();");
    }

    @Test
    void showsSupervisorsTheDistrictsRatesForTheWindowAndGroupingChosen() {
        String page = served("/");
        String script = served("/app.js");

        // today, 7 days, 30 days (the default), this month or a custom pair of dates; one of the four groupings
        assertThat(panel(page, "supervision")).contains("value=\"today\"", "value=\"7d\"",
                "value=\"30d\" checked", "value=\"month\"", "value=\"custom\"", "id=\"summary-from\"",
                "id=\"summary-to\"", "<option value=\"department\" selected>", "<option value=\"channel\">",
                "<option value=\"category\">", "<option value=\"community\">", "响应率", "解决率", "满意率");
        // routing's dates, read in the district: `to` the last day included
        assertThat(script).contains("api('GET', `${API}/stats/summary${query(params)}`)",
                "case '7d': return { from: addDays(today, -6), to: today };",
                "default: return { from: addDays(today, -29), to: today };",
                "case 'month': return { from: `${today.slice(0, 8)}01`, to: today };",
                "groupBy: $('#summary-group-by').value || 'department'", "timeZone: DISTRICT_ZONE",
                "const DISTRICT_ZONE = 'Asia/Shanghai';");
        // the rates as percentages (— when undefined), the total row, when the figures were computed
        assertThat(script).contains("percent(row.responseRate)", "percent(row.resolutionRate)",
                "percent(row.satisfactionRate)", "if (rate === null || rate === undefined", "summary.total",
                "数据截至 ${formatTime(summary.asOf, districtDateTime)}", "counts may lag half a minute");
    }

    @Test
    void downloadsTheSummaryAsCsvWithTheTokenUnderTheServersFileName() {
        String script = served("/app.js");

        // a plain link would carry no token: fetched with it (call() adds the bearer token), saved as a blob
        assertThat(script).contains("call('GET', `${API}/stats/summary.csv${query(params)}`",
                "init.headers.Authorization = `Bearer ${session.accessToken}`", "await response.blob()",
                "attachmentName(response.headers.get('Content-Disposition'))", "URL.createObjectURL(blob)",
                "download: name");
        assertThat(served("/")).contains("id=\"summary-csv\"", "导出 CSV");
    }

    @Test
    void pagesTheOrdersOnFromWhereThePageSeenEndsAndBackToTheSamePages() {
        String script = served("/app.js");

        // the next page starts after the last entry shown (routing's next), not at a count from the top: entries
        // arriving or leaving meanwhile made a page number show some twice and skip others; back is the same page
        assertThat(script).contains("function positionPager()", "pager.starts[pager.page + 1] = pager.next;",
                "after: () => pager.starts[pager.page],", "pager.next = (page && page.next) || null;",
                "pager.starts = [null];");
        assertThat(script).contains("const orders = { pager: positionPager(),",
                "after: orders.pager.after(), size: orders.size", "orders.pager.read(page);",
                "if (orders.pager.forward()) loadOrders();", "if (orders.pager.back()) loadOrders();",
                "$('#page-next').disabled = !orders.pager.next;");
        // a new filter, size or drill-down starts from the top again
        assertThat(script).contains("orders.pager.first();").doesNotContain("page: orders.page");
    }

    @Test
    void pagesTheTriageQueueAndTheOverdueListOnFromWhereThePageSeenEndsWithTheOrderListsPager() {
        String script = served("/app.js");

        // the one pager of the order list's, not a copy: dispatching or resolving a page's orders made the next page
        // by number skip as many
        assertThat(script.split("positionPager\\(\\)", -1)).as("defined once, used by the five lists").hasSize(7);
        assertThat(script).contains("const triagePage = positionPager();",
                "api('GET', `${API}/requests/triage${query({ after, size })}`)",
                "fetchTriage(TRIAGE_PAGE, triagePage.after())", "triagePage.read(queue);",
                "if (triagePage.forward()) loadTriage();", "if (triagePage.back()) loadTriage();",
                "$('#triage-next').disabled = !triagePage.next;");
        assertThat(script).contains("overdue: { pager: positionPager(),",
                "department: state.department, after: state.pager.after(), size: OVERDUE_PAGE,",
                "state.pager.read(page);", "wirePager('overdue', supervision.overdue.pager, () => loadOverdue());",
                "if (pager.forward()) load();", "if (pager.back()) load();",
                "showPager('overdue', state.pager, total, 'overdue');", "$(`#${list}-next`).disabled = !pager.next;",
                "supervision.overdue.pager.first();");
        assertThat(script).doesNotContain("query({ page, size })", "page: state.page");
    }

    @Test
    void drillsDownFromASummaryRowToExactlyTheOrdersItCounts() {
        String page = served("/");
        String script = served("/app.js");

        // a department's row: the orders last dispatched to it; the others: their channel, category or community;
        // each accepted in the summary's window, in the summary's own date forms
        assertThat(script).contains("department: { param: 'dispatchedTo'", "channel: { param: 'channel'",
                "category: { param: 'category'", "community: { param: 'community'",
                "return { [drill.param]: drill.key, acceptedFrom: drill.from, acceptedTo: drill.to };",
                "...currentFilters(), ...drillParams(orders.drill), after: orders.pager.after(),",
                "showTab('orders');");
        // by department, the row of the orders never dispatched lists them (dispatched=false); by community, the
        // orders without one have no parameter to list them by: that row is not a way in
        assertThat(script).contains("{ param: 'dispatched', key: 'false', label: ['未派单', 'Never dispatched'] }",
                "const neverDispatched = keyless && params.groupBy === 'department';",
                "if (keyless && !neverDispatched) {", "drillDown(params, null, '', NEVER_DISPATCHED)");
        // the Orders tab says the drill-down is on, as a chip that clears it; 重置 clears it too
        assertThat(panel(page, "orders")).contains("id=\"orders-drill\"");
        assertThat(script).contains("`${[drill.label[0], drill.name].filter(Boolean).join(' ')} · ${drill.from}",
                "showDrill(null); // 重置 clears a drill-down");
    }

    @Test
    void listsEachDepartmentsBacklogAndTheOverdueOrdersAPageAtATime() {
        String page = served("/");
        String script = served("/app.js");

        // the backlog per department; a department's overdue count lists its late orders
        assertThat(script).contains("api('GET', `${API}/supervision/backlog`)", "row.byStatus", "row.ageing",
                "onclick: () => showOverdueOf(row.department, name)");
        // most overdue first (routing's order), 20 a page, with a pager; each opens the order
        assertThat(script).contains("const OVERDUE_PAGE = 20;", "api('GET', `${API}/supervision/overdue${query({",
                "department: state.department, after: state.pager.after(), size: OVERDUE_PAGE,",
                "const open = () => openDetail(order.id);", "overdueText(order.overdueMinutes)",
                "label(DEADLINE_KIND, order.deadline)", "ESCALATION[order.escalation]");
        assertThat(panel(page, "supervision")).contains("id=\"backlog-card\"", "id=\"overdue-card\"",
                "id=\"overdue-pager\"", "id=\"overdue-next\"", "id=\"overdue-prev\"", "id=\"supervision-refresh\"");
        // read when the tab opens and on 刷新 Refresh; the console's own timer at most once a minute
        assertThat(script).contains("const SUPERVISION_REFRESH_MS = 60000;",
                "if (!auto || Date.now() - supervision.loadedAt >= SUPERVISION_REFRESH_MS) await loadSupervision();",
                "if (!document.hidden) refreshActive({ auto: true });");
        // the backlog's fifteen columns fit a 1440-px screen: each heading's English beneath its Chinese (measured in
        // Chromium: 1254 px of table in 1254 px at 1440, 1174 in 1174 at 1280; it had scrolled sideways)
        assertThat(served("/app.css")).contains("table.stats th .en { display: block; margin-top: 1px; }");
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
        assertThat(tabRoles.get("supervision")).isEqualTo(rolesFor("GET", "/api/v1/supervision/**"))
            .isEqualTo(rolesFor("GET", "/api/v1/stats/**"))
            .isEqualTo(rolesFor("GET", "/api/v1/personal-data-access"));
        // the operations tab: webhook deliveries and dead letters (the access table's rule for the rest of the API)
        assertThat(tabRoles.get("operations")).isEqualTo(rolesFor("GET", "/api/v1/webhooks/**"))
            // both services' dead letters (/api/v1/admin/dead-letters, /api/v1/admin/intake/dead-letters)
            .isEqualTo(rolesFor("GET", "/api/**"))
            .containsExactly(Role.ADMIN);
        assertThat(tabRoles.values()).as("community staff have no tab of the console")
            .noneMatch(roles -> roles.contains(Role.COMMUNITY_ADMIN));
        // operators open on Accept, dispatchers on Triage, supervisors on Supervision, admins on Operations
        assertThat(script).contains("const HOME_TABS = [['OPERATOR', 'accept'], ['DISPATCHER', 'triage'], "
                + "['SUPERVISOR', 'supervision'],\n    ['ADMIN', 'operations']];");
        assertThat(page).contains("id=\"tab-supervision\" aria-controls=\"panel-supervision\"",
                "id=\"panel-supervision\" role=\"tabpanel\" aria-labelledby=\"tab-supervision\"");
        assertThat(script).contains("supervision: ['督办', 'Supervision']");
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
    void keepsWhatThePeopleOfAShiftNeedInSightAsTheTwelfthAuditFoundInABrowser() {
        String page = served("/");
        String script = served("/app.js");
        String styles = served("/app.css");

        // an operator finds a caller's earlier requests by phone on the Orders tab (the API had it, the tab did not)
        assertThat(page).contains("<input name=\"phone\" id=\"filter-phone\" type=\"tel\"");
        assertThat(script).contains("phone: (data.get('phone') || '').trim(),");
        // a refused dispatch or a misheard tracking number stays until the person acts again: the list's refresh
        // every 5 s clears only what a refresh said
        assertThat(script).contains("box.dataset.from = from || 'action';",
                "if (!auto || box.dataset.from === 'refresh') showMessage(box, '');",
                "clearAfterLoad(ordersMessage, auto);", "clearAfterLoad(triageMessage, auto);",
                "await loadOrders({ auto });");
        // a queue entry's dispatch answers beside its button, kept over the refresh, not at the top of a long list
        assertThat(script).contains("note('请先选择承办单位。Choose a department first.', 'warn');",
                "if (triageNotes.has(order.id)) note(...triageNotes.get(order.id));")
            .doesNotContain("showMessage(triageMessage, '请先选择承办单位。");
        // every time in Beijing time, whatever zone the PC is set to
        assertThat(Pattern.compile("new Intl\\.DateTimeFormat\\('zh-CN', \\{\\s*+(?!timeZone: DISTRICT_ZONE)")
            .matcher(script).find()).as("a format of the PC's zone").isFalse();
        // a merge names the order it duplicates by the tracking number every list shows, or its id
        assertThat(script).contains("const into = await mergeTarget(text(data, 'into'), form);",
                "if (!/^[0-9０-９]{17}$/.test(digits)) return value;", "并入工单（跟踪号或编号）");
        // a sign-in that ran out says so in Chinese and keeps the call being typed over signing in again
        assertThat(script).contains("登录已过期，请点击右上角“登录”重新登录；正在填写的内容会保留。",
                "请先点击右上角“登录”。Please sign in (top right).",
                "saveAcceptDraft();\n    const request = await authorizationRequest();",
                "takeAcceptDraft();\n    try {\n      await completeSignIn();");
        // a long description is counted against intake's limit, not cut short by the browser without a word
        assertThat(page).contains("<textarea name=\"description\" rows=\"4\" data-limit=\"2000\"",
                "<input name=\"title\" data-limit=\"100\"").doesNotContain("maxlength=\"2000\"");
        assertThat(script).contains("slot.classList.toggle('over', count > limit);");
        // a custom window ending before it starts is marked on its end date, and no window's figures stay under it
        assertThat(script).contains("if (params.from > params.to) {", "结束日期不能早于开始日期。The end is before the start.",
                "if (error instanceof ApiError && error.status === 400) clearSummary();");
        // the queue's pager reads on by position: its pages are the queue's order, not older and newer
        assertThat(panel(page, "triage")).contains("‹ 上一页 <span class=\"en\">Prev</span>").doesNotContain("更早");
        // a phone's width: the pager and a queue entry's actions wrap, so nothing widens the page past the screen
        assertThat(styles).contains(".pager { display: flex; flex-wrap: wrap;", "@media (max-width: 600px) {",
                ".triage-actions { flex-wrap: wrap; }", ".topbar { position: static; }");
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
        assertThat(roles).containsOnlyKeys("accept", "orders", "triage", "supervision", "operations");
        return roles;
    }

    /** The roles of the access table's first rule naming the call's path (for its method, or for every method). */
    private static Set<Role> rolesFor(String method, String path) {
        return AccessTable.API.stream()
            .filter(rule -> (rule.method() == null || rule.methods().contains(method)) && rule.paths().contains(path))
            .findFirst()
            .orElseThrow()
            .roles();
    }

    /** The page's panel of a tab, from its opening to the next panel's comment. */
    private static String panel(String page, String tab) {
        int start = page.indexOf("id=\"panel-" + tab + "\"");
        assertThat(start).as("panel " + tab).isNotNegative();
        int end = page.indexOf("<!--", start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private String served(String path) {
        return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
    }
}
