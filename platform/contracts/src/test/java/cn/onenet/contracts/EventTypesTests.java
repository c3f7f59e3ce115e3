package cn.onenet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.SubmissionEvent;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventTypesTests {

    @Test
    void everyEventOfEverySealedFamilyHasAStableVersionedWireName() {
        Stream.of(RequestLifecycleEvent.class, SubmissionEvent.class, cn.onenet.contracts.reference.ReferenceDataEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .forEach(type -> {
                    String name = EventTypes.nameOf(type);
                    assertThat(name).startsWith("cn.onenet.").endsWith(".v1").doesNotContain(type.getSimpleName());
                    assertThat(EventTypes.classOf(name)).contains(type);
                });
    }

    @Test
    void topicsAreNamedForTheBusinessAndVersioned() {
        assertThat(Topics.all()).allSatisfy(topic -> assertThat(topic).matches("onenet\\.[a-z]+(\\.[a-z]+)*\\.v\\d+"));
        assertThat(Topics.deadLetter(Topics.REQUESTS_SUBMITTED)).isEqualTo("onenet.requests.submitted.v1.dlt");
    }
}
