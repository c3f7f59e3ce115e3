package cn.onenet.contracts;

import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.contracts.requests.ExtensionRequested;
import cn.onenet.contracts.requests.RequestEscalated;
import cn.onenet.contracts.requests.RequestFollowedUp;
import cn.onenet.contracts.requests.MergedOriginalProgressed;
import cn.onenet.contracts.requests.RequestAcknowledged;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestMerged;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestResolved;
import cn.onenet.contracts.requests.RequestReturned;
import cn.onenet.contracts.requests.RequestStarted;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.RequestTriaged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable wire name of every event (the CloudEvents {@code type}), so that the Java class name never
 * leaks onto the wire and a class can be renamed without breaking a consumer.
 */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("cn.onenet.request.submitted.v1", RequestSubmitted.class);
        register("cn.onenet.request.received.v1", RequestReceived.class);
        register("cn.onenet.request.dispatched.v1", RequestDispatched.class);
        register("cn.onenet.request.triaged.v1", RequestTriaged.class);
        register("cn.onenet.request.acknowledged.v1", RequestAcknowledged.class);
        register("cn.onenet.request.started.v1", RequestStarted.class);
        register("cn.onenet.request.resolved.v1", RequestResolved.class);
        register("cn.onenet.request.returned.v1", RequestReturned.class);
        register("cn.onenet.request.extension-requested.v1", ExtensionRequested.class);
        register("cn.onenet.request.closed.v1", RequestClosed.class);
        register("cn.onenet.request.reopened.v1", RequestReopened.class);
        register("cn.onenet.request.rejected.v1", RequestRejected.class);
        register("cn.onenet.request.merged.v1", RequestMerged.class);
        register("cn.onenet.request.extension-decided.v1", ExtensionDecided.class);
        register("cn.onenet.request.escalated.v1", RequestEscalated.class);
        register("cn.onenet.request.merged-original-progressed.v1", MergedOriginalProgressed.class);
        register("cn.onenet.request.followed-up.v1", RequestFollowedUp.class);
        register("cn.onenet.reference.published.v1", ReferenceDataPublished.class);
    }

    private static void register(String name, Class<?> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    public static String nameOf(Class<?> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("No wire name registered for " + type.getName());
        }
        return name;
    }

    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Map<String, Class<?>> all() {
        return Map.copyOf(BY_NAME);
    }

    private EventTypes() {
    }
}
