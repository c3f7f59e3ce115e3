package cn.onenet.intake.submission;

import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.intake.reference.ReferenceCatalog;
import cn.onenet.platform.pii.FreeTextNumbers;
import cn.onenet.platform.pii.PersonalData;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one window: gives a valid submission its id and tracking number and writes it durably to the log, its
 * personal data sealed — the requester's phone and ID numbers, and the numbers typed into its free text masked.
 */
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
        String title = FreeTextNumbers.mask(submission.title());
        String description = FreeTextNumbers.mask(submission.description());
        RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), id, trackingNumber, submission.channel(),
                submission.externalId(), submission.idempotencyKey(), submission.category(), title, description,
                submission.urgency(), submission.location(), sealed(submission.requester()), acceptedAt, takenBy,
                sealedIfMasked(submission.title(), title), sealedIfMasked(submission.description(), description));
        try {
            submissionLog.append(submitted);
        }
        catch (SubmissionLogUnavailable ex) {
            // "unknown": the broker may have kept it (it then becomes an order); "not-accepted": it was never sent
            meters.counter("onenet.intake.unavailable", "channel", submission.channel().name(),
                    "outcome", ex.outcome() == SubmissionLogUnavailable.Outcome.UNKNOWN ? "unknown" : "not-accepted")
                .increment();
            throw ex.about(id, trackingNumber, submission.externalId() != null || submission.idempotencyKey() != null);
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

    /**
     * Free text as submitted, sealed, when numbers were masked in it ({@link FreeTextNumbers}): the log holds them
     * only so, for an audited clear read; {@code null} when nothing was masked (the text is then the same).
     */
    private String sealedIfMasked(String submitted, String masked) {
        return submitted == null || submitted.equals(masked) ? null : personalData.seal(submitted);
    }
}
