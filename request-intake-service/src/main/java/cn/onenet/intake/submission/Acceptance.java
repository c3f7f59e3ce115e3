package cn.onenet.intake.submission;

import java.time.Instant;
import java.util.UUID;

/** What the channel is told once its request is durably accepted. */
public record Acceptance(UUID id, String trackingNumber, Instant acceptedAt) {
}
