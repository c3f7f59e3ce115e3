package cn.onenet.contracts.requests;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;

public record RequestReceived(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String trackingNumber, Channel channel, String externalId, String category, String community, Urgency urgency) implements RequestLifecycleEvent {
}
