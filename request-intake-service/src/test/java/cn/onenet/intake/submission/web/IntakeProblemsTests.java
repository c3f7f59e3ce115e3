package cn.onenet.intake.submission.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.intake.submission.SubmissionLogUnavailable;
import cn.onenet.intake.submission.SubmissionLogUnavailable.Outcome;
import cn.onenet.platform.web.GatewayKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What a channel reads in the 503 when the log did not confirm its request: never "nothing accepted" unless so. */
class IntakeProblemsTests {

    final IntakeProblems problems = new IntakeProblems();
    final UUID id = UUID.randomUUID();

    @Test
    void anUnconfirmedWriteSaysTheRequestMayHaveBeenAcceptedAndThatARepeatIsTheSameRequest() {
        ResponseEntity<ProblemDetail> answer = problems.logUnavailable(failure(Outcome.UNKNOWN)
            .about(id, "12345678901234567", true), new MockHttpServletRequest());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
        assertThat(problem.getTitle()).isEqualTo("Request's acceptance not confirmed");
        assertThat(problem.getProperties()).containsEntry("outcome", "unknown").containsEntry("id", id)
            .containsEntry("trackingNumber", "12345678901234567");
        assertThat(problem.getDetail()).contains("may have been accepted", "send the same request again",
                "same externalId", "never taken twice", "same id").doesNotContain("Nothing was accepted");
    }

    @Test
    void anUnconfirmedWriteWithoutAnIdOfTheCallersWarnsThatARepeatIsANewRequest() {
        ProblemDetail problem = problems.logUnavailable(failure(Outcome.UNKNOWN).about(id, "12345678901234567", false),
                new MockHttpServletRequest()).getBody();

        assertThat(problem.getProperties()).containsEntry("outcome", "unknown").containsEntry("id", id);
        assertThat(problem.getDetail()).contains("may have been accepted", "sending it again is a new request",
                "GET /api/v1/requests/" + id).doesNotContain("Nothing was accepted");
    }

    @Test
    void aWriteNeverSentSaysNothingWasAccepted() {
        ResponseEntity<ProblemDetail> answer = problems.logUnavailable(failure(Outcome.NOT_ACCEPTED)
            .about(id, "12345678901234567", true), new MockHttpServletRequest());

        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getProperties()).containsEntry("outcome", "not-accepted").doesNotContainKey("id");
        assertThat(answer.getBody().getDetail()).contains("Nothing was accepted").doesNotContain("may have been");
        assertThat(answer.getBody().getTitle()).isEqualTo("Request can't be accepted right now");
    }

    @Test
    void anUnconfirmedWriteTheGatewayKeyedNamesTheKeyToSendItAgainUnder() throws Exception {
        MockHttpServletRequest sent = new MockHttpServletRequest("POST", "/api/v1/requests");
        sent.addHeader(GatewayKeyFilter.HEADER, "gateway-7");
        MockFilterChain chain = new MockFilterChain();
        new GatewayKeyFilter().doFilter(sent, new MockHttpServletResponse(), chain);

        ProblemDetail problem = problems.logUnavailable(failure(Outcome.UNKNOWN).about(id, "12345678901234567", true),
                (HttpServletRequest) chain.getRequest()).getBody();

        assertThat(problem.getProperties()).containsEntry("outcome", "unknown").containsEntry("id", id)
            .containsEntry("idempotencyKey", "gateway-7");
        assertThat(problem.getDetail()).contains("may have been accepted", "the gateway gave it the key gateway-7",
                "send it again with the header Idempotency-Key: gateway-7", "never taken twice");
    }

    private static SubmissionLogUnavailable failure(Outcome outcome) {
        return new SubmissionLogUnavailable("The request log did not confirm the write in time.", outcome,
                Duration.ofSeconds(5), new java.util.concurrent.TimeoutException());
    }
}
