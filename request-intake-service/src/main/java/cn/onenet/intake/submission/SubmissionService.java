package cn.onenet.intake.submission;

import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.intake.reference.ReferenceCatalog;
import cn.onenet.platform.pii.PersonalData;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The one window: gives a valid submission its id and tracking number and writes it durably to the log. */
@Service
public class SubmissionService {

    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    private final SubmissionLog submissionLog;
    private final ReferenceCatalog catalog;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PersonalData personalData;

    SubmissionService(SubmissionLog submissionLog, ReferenceCatalog catalog, Clock clock, MeterRegistry meters,
            PersonalData personalData) {
        this.submissionLog = submissionLog;
        this.personalData = personalData;
        this.catalog = catalog;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Accepts a request; {@code takenBy} names the operator who took a hotline call, else {@code null}; {@code sender}
     * is who sent it (the token's subject), whose {@code Idempotency-Key}s are theirs alone.
     */
    public Acceptance accept(Submission submission, String takenBy, String sender) {
        if (!catalog.isLoaded()) {
            throw new ReferenceDataNotLoaded();
        }
        UUID id = RequestIdentity.of(submission.channel(), submission.externalId(), submission.idempotencyKey(),
                sender);
        String trackingNumber = TrackingNumbers.forRequest(id);
        Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), id, trackingNumber, submission.channel(),
                submission.externalId(), submission.idempotencyKey(), submission.category(), submission.title(),
                submission.description(), submission.urgency(), submission.location(), sealed(submission.requester()),
                acceptedAt, takenBy);
        try {
            submissionLog.append(submitted);
        }
        catch (SubmissionLogUnavailable ex) {
            meters.counter("onenet.intake.unavailable", "channel", submission.channel().name()).increment();
            throw ex;
        }
        meters.counter("onenet.intake.accepted", "channel", submission.channel().name(),
                "urgency", submission.urgency().name()).increment();
        log.info("Accepted request {} ({}) from {} in category {}", id, trackingNumber, submission.channel(),
                submission.category());
        return new Acceptance(id, trackingNumber, acceptedAt);
    }

    /** Phone and ID numbers leave intake sealed (AES-GCM): the log holds neither in clear. */
    private Requester sealed(Requester requester) {
        return requester == null ? null : new Requester(requester.name(), personalData.seal(requester.phone()),
                personalData.seal(requester.idNumber()));
    }
}
