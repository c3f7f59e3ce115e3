package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the console's script with ESLint and runs its own page and script in jsdom under Node.js
 * ({@code src/test/console/console-script.test.js}), with the gateway and the identity provider answered by a
 * stand-in, checking what a person sees: {@link ConsoleIntegrationTests} reads the script as text, which let a name
 * used but never defined leave every filter list of the Orders tab empty and "reference data unavailable" on the
 * accept form for a day. Needs Node.js 18 or later and npm (installed by {@code .ci/run}); ESLint and jsdom are
 * fetched with {@code npm ci} into {@code src/test/console/node_modules} (again when the lock file changes).
 */
class ConsoleScriptTests {

    private static final Path HERE = Path.of("src", "test", "console");

    @BeforeAll
    static void installJsdom() throws Exception {
        assertThat(run(List.of("node", "--version"), 30).exit())
            .as("Node.js runs the console's script tests: install it (apt-get install nodejs npm)").isZero();
        // npm records what it installed in node_modules/.package-lock.json: installed afresh when the lock changed
        Path installed = HERE.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(installed)
                .compareTo(Files.getLastModifiedTime(HERE.resolve("package-lock.json"))) < 0) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(install.exit()).as("npm ci in %s:%n%s", HERE, install.output()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // ESLint: every name the script uses is defined, nothing declared twice, nothing unreachable; every element it
        // looks up by id is on the page
        "names-defined",
        // every list of the Orders tab and the accept form holds the reference data; the orders are shown
        "reference-data",
        // an operator's call: one request for a double click, with the form's key, grid and caller; the receipt in
        // Beijing time on a PC set to London time; the next call a key of its own
        "accept-call",
        // intake's 400: each field's error beside it, the focus on the first, nothing typed lost
        "accept-field-errors",
        // the caller's earlier requests beside the form as the phone is typed: one opens, all in the Orders tab
        "caller-history",
        // the queue says why an order waits in Chinese; a dispatch from it on the order as listed (If-Match) with the decision's key; a 412 said, not done
        "triage-dispatch",
        // a refusal in Chinese above the services' detail: a dispatch refused in its state, routing down (Retry-After)
        "refusals",
        // the supervisors' tab: rates per department, each row opening exactly its orders (never dispatched too), the
        // backlog by status and age, a department's overdue orders a page at a time from where the page ended
        "supervision",
        // the access audit for supervisors: newest first in Beijing time, readers by role, fields in Chinese, paged by
        // position, filtered by tracking number, reader and days, a refused filter marked, a record opening its order
        "access-audit",
        // administrators: parked webhook deliveries retried one by one or by target, dead letters replayed, paged by
        // position, the tab's badge counting what waits
        "operations",
        // administrators keep the webhook endpoints: listed by name, one disabled, one registered (a refused secret
        // marked), one changed keeping its secret
        "webhook-endpoints",
        // administrators keep the client systems: one registered (its secret shown once), a rotation and a disabling
        // each asked again on the button, a refused registration marked
        "client-systems",
        // each person's daily tab, an open order and the signed-out page as axe-core checks them: names of fields and
        // buttons, roles, ids, lists and tables (no contrast: jsdom lays nothing out)
        "accessibility",
        // an order opened from the list: names, the deadline it is late on, its timeline in Beijing time with
        // routing's own notes and who took each step in Chinese (a person's note as typed), masked data
        "order-detail",
        // every note routing writes itself (routing-notes.json, held to routing's wording by TimelineNotesTests) read
        // in Chinese with names, the note as written in the tooltip
        "routing-notes",
        // the caller read in clear only with a reason: none given marked on the field and said, nothing read
        "clear-read",
        // 来电催办: an order the requester asked after again marked in the list, counted and on its timeline; an
        // operator records another (what was said, on the version opened), refused without it; not for supervisors
        "follow-up",
        // before a token runs out, a new one for the same person from a hidden frame (prompt=none), typing kept
        "renews",
        // signed out at the provider: a warning names when the sign-in ends, with a button to sign in again
        "renewal-refused",
        // someone else signed in at the provider since: the tab keeps its person's token and warns
        "renewal-for-someone-else",
        // a token refused before its time is renewed once and the call made again, without a message
        "refused-token-renewed"})
    void showsWhatAPersonWouldSee(String scenario) throws Exception {
        Result result = run(List.of("node", "console-script.test.js", scenario), 120);

        assertThat(result.exit()).as("console scenario %s:%n%s", scenario, result.output()).isZero();
        assertThat(result.output()).contains("ok ").doesNotContain("FAIL");
    }

    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("console-script", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(HERE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return ended ? new Result(process.exitValue(), output)
                    : new Result(-1, output + System.lineSeparator() + "(still running after " + seconds + " s)");
        }
        catch (IOException notInstalled) {
            return new Result(-1, command.get(0) + " could not be started: " + notInstalled.getMessage());
        }
        finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exit, String output) {
    }
}
