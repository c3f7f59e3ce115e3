package cn.onenet.identity.clients.web;

import cn.onenet.contracts.Channel;
import cn.onenet.identity.clients.ClientKind;
import cn.onenet.identity.clients.IssuedSecret;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * A machine client with the secret just issued to it: shown this once only, it can't be read again (a lost secret is
 * replaced by rotating it). The other fields are those of {@link ClientView}.
 */
record IssuedClientView(String clientId, String clientSecret, ClientKind kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) Channel channel,
        @JsonInclude(JsonInclude.Include.NON_NULL) String department, String source, OffsetDateTime createdAt,
        String createdBy, boolean enabled) {

    static IssuedClientView of(IssuedSecret issued) {
        ClientView client = ClientView.of(issued.client());
        return new IssuedClientView(client.clientId(), issued.secret(), client.kind(), client.channel(),
                client.department(), client.source(), client.createdAt(), client.createdBy(), client.enabled());
    }

    /** Leaves the secret out, so that a log line never carries it. */
    @Override
    public String toString() {
        return "IssuedClientView[" + clientId + "]";
    }
}
