package cn.onenet.gateway;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;

/**
 * Reads every answer's body in full as it arrives and hands the test a copy on the heap. A test that asserts only a
 * status never reads the body, and Netty then reported the pooled buffers it held as leaked: noise in every run that
 * would hide a leak of the gateway's own.
 */
public final class WholeBodies {

    public static final ExchangeFilterFunction FILTER = (request, next) -> next.exchange(request)
        .flatMap(response -> response.bodyToMono(byte[].class)
            .defaultIfEmpty(new byte[0])
            .map(bytes -> response.mutate()
                .body(bytes.length == 0 ? Flux.empty() : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)))
                .build()));

    private WholeBodies() {
    }
}
