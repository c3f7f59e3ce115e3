package cn.onenet.intake.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.intake.IntakeIntegrationTestSupport;
import cn.onenet.intake.reference.ReferenceCatalog;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.platform.pii.PersonalDataProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A 503 whose outcome is unknown is counted apart from one that certainly kept nothing, and names the request. */
class SubmissionServiceTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ReferenceCatalog catalog = new ReferenceCatalog();

    SubmissionService failingWith(SubmissionLogUnavailable.Outcome outcome) {
        catalog.replaceWith(IntakeIntegrationTestSupport.REFERENCE_DATA);
        SubmissionLog log = submitted -> {
            throw new SubmissionLogUnavailable("The request log did not confirm the write in time.", outcome,
                    Duration.ofSeconds(5), null);
        };
        return new SubmissionService(log, catalog, Clock.systemUTC(), meters,
                new PersonalData(new PersonalDataProperties(PersonalDataProperties.DEMO_KEY,
                        PersonalDataProperties.DEMO_LOOKUP_KEY)));
    }

    static Submission submission(String externalId, String idempotencyKey) {
        return new Submission(Channel.HOTLINE, externalId, idempotencyKey, "elderly-care", "title", "description",
                Urgency.NORMAL, new Location("xingzhou", null, null, null), new Requester("张三", "13800138000", null));
    }

    @Test
    void anUnconfirmedSubmissionIsCountedAsUnknownAndNamesTheRequestARepeatWouldBe() {
        SubmissionLogUnavailable failure = catchThrowableOfType(SubmissionLogUnavailable.class,
                () -> failingWith(SubmissionLogUnavailable.Outcome.UNKNOWN).accept(submission("call-1", null), null,
                        null));

        assertThat(failure.requestId()).isEqualTo(RequestIdentity.of(Channel.HOTLINE, "call-1", null));
        assertThat(failure.trackingNumber()).isEqualTo(TrackingNumbers.forRequest(failure.requestId()));
        assertThat(failure.repeatable()).isTrue();
        assertThat(meters.counter("onenet.intake.unavailable", "channel", "HOTLINE", "outcome", "unknown").count())
            .isEqualTo(1);
        assertThat(meters.find("onenet.intake.unavailable").tag("outcome", "not-accepted").counter()).isNull();
        assertThat(meters.find("onenet.intake.accepted").counter()).isNull();
    }

    @Test
    void aCallWithNeitherIdNorKeyIsNotRepeatableAndARefusalIsCountedAsNotAccepted() {
        SubmissionLogUnavailable failure = catchThrowableOfType(SubmissionLogUnavailable.class,
                () -> failingWith(SubmissionLogUnavailable.Outcome.NOT_ACCEPTED).accept(submission(null, null), null,
                        null));

        assertThat(failure.repeatable()).isFalse();
        assertThat(meters.counter("onenet.intake.unavailable", "channel", "HOTLINE", "outcome", "not-accepted")
            .count()).isEqualTo(1);
    }
}
