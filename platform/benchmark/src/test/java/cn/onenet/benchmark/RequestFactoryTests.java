package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestFactoryTests {

    private static final String PHONE = "1[3-9]\\d{9}";
    private static final String EXTERNAL_ID = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}";

    private final JsonMapper json = JsonMapper.builder().build();
    private final ReferenceData reference = ReferenceData.parse(
            json.readTree("[{\"code\":\"elderly-care\",\"department\":\"civil-affairs\"},"
                    + "{\"code\":\"noise\",\"department\":\"urban-management\"},{\"code\":\"other\",\"department\":null}]"),
            json.readTree("[{\"code\":\"xingzhou\",\"name\":\"星洲社区\"},{\"code\":\"hupan\",\"name\":\"湖畔社区\"}]"));

    @Test
    void leavesOutCategoriesThatGoToTriage() {
        assertThat(reference.categories()).extracting(ReferenceData.Category::code)
                .containsExactly("elderly-care", "noise");
        assertThat(reference.untracked()).containsExactly("other");
    }

    @Test
    @SuppressWarnings("unchecked")
    void makesValidVariedRequestsForEveryChannel() {
        RequestFactory factory = new RequestFactory(reference, "RUN1", 42, json);
        Set<String> externalIds = new HashSet<>();
        Map<String, Integer> urgencies = new HashMap<>();
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> body = factory.request(i);
            String channel = (String) body.get("channel");
            channels.add(channel);
            if (channel.equals("HOTLINE")) {
                assertThat(body).doesNotContainKey("externalId");
            } else {
                assertThat((String) body.get("externalId")).matches(EXTERNAL_ID).contains("RUN1");
                assertThat(externalIds.add((String) body.get("externalId"))).isTrue();
            }
            assertThat(body.get("category")).isIn("elderly-care", "noise");
            assertThat((String) body.get("title")).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat((String) body.get("description")).isNotBlank();
            Map<String, Object> location = (Map<String, Object>) body.get("location");
            assertThat(location.get("community")).isIn("xingzhou", "hupan");
            Map<String, Object> requester = (Map<String, Object>) body.get("requester");
            assertThat((String) requester.get("phone")).matches(PHONE);
            assertThat((String) requester.get("name")).isNotBlank();
            urgencies.merge((String) body.get("urgency"), 1, Integer::sum);
        }
        assertThat(channels).containsExactlyInAnyOrderElementsOf(RequestFactory.CHANNELS);
        assertThat(urgencies.get("NORMAL")).isGreaterThan(1500);
        assertThat(urgencies).containsKeys("URGENT", "EMERGENCY");
        assertThat(new String(factory.body(1), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"channel\":");
    }

    @Test
    void usesNoChannelBeyondTheSeven() {
        assertThat(RequestFactory.CHANNELS).hasSize(7).doesNotHaveDuplicates()
                .containsAll(List.of("PARTY_BUILDING", "LIVELIHOOD", "GOVERNANCE", "COURT", "LAWYER", "POLICE",
                        "HOTLINE"));
    }
}
