package cn.onenet.intake.submission;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;

/** A validated request as a channel submitted it, before it has an id. */
public record Submission(Channel channel, String externalId, String idempotencyKey, String category, String title,
        String description, Urgency urgency, Location location, Requester requester) {
}
