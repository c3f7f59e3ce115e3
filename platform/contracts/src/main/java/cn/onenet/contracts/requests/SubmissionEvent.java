package cn.onenet.contracts.requests;

import java.util.UUID;

/** The family of events on {@link cn.onenet.contracts.Topics#REQUESTS_SUBMITTED}. */
public sealed interface SubmissionEvent permits RequestSubmitted {

    UUID eventId();

    UUID requestId();
}
