package cn.onenet.intake.submission;

import cn.onenet.contracts.requests.RequestSubmitted;

/** The durable log of accepted requests (Kafka in production): intake keeps no other state. */
public interface SubmissionLog {

    /**
     * Returns only once the log has durably kept the submission.
     *
     * @throws SubmissionLogUnavailable when that can't be confirmed within a bounded time
     */
    void append(RequestSubmitted submitted);
}
