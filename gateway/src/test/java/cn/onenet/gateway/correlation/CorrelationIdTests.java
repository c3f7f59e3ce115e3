package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class CorrelationIdTests {

    @ParameterizedTest
    @ValueSource(strings = { "a", "MS-2026-000123", "call.42_b", "0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11" })
    void keepsAWellFormedId(String id) {
        assertThat(CorrelationId.acceptOrCreate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "has space", "semi;colon", "<script>", "换行", "line\nbreak" })
    void replacesAMissingOrMalformedIdWithAFreshUuid(String id) {
        String result = CorrelationId.acceptOrCreate(id);

        assertThat(result).isNotEqualTo(id);
        assertThat(UUID.fromString(result).toString()).isEqualTo(result);
    }

    @Test
    void acceptsSixtyFourCharactersButNoMore() {
        assertThat(CorrelationId.acceptOrCreate("x".repeat(64))).isEqualTo("x".repeat(64));
        assertThat(CorrelationId.acceptOrCreate("x".repeat(65))).isNotEqualTo("x".repeat(65));
    }

    @Test
    void namesNoIdForAnExchangeTheFilterNeverSaw() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

        assertThat(CorrelationId.of(exchange)).isEqualTo("-");
    }
}
