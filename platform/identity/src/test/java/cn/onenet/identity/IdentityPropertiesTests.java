package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdentityPropertiesTests {

    @Test
    void asksTheLocalRoutingServiceForTheDepartmentsUnlessTheSettingIsEmpty() {
        assertThat(bind(Map.of()).departmentList())
            .hasValue(URI.create("http://localhost:8082/api/v1/departments"));
        assertThat(bind(Map.of("onenet.identity.departments-uri", "http://routing-service:8082/api/v1/departments"))
            .departmentList()).hasValue(URI.create("http://routing-service:8082/api/v1/departments"));
        assertThat(bind(Map.of("onenet.identity.departments-uri", "")).departmentList()).as("not checked").isEmpty();
    }

    @Test
    void refusesADepartmentsUriThatIsNoHttpAddress() {
        assertThatThrownBy(() -> bind(Map.of("onenet.identity.departments-uri", "routing-service/api/v1/departments")))
            .isInstanceOf(BindException.class).rootCause().hasMessageContaining("onenet.identity.departments-uri");
    }

    private static IdentityProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
            .bindOrCreate("onenet.identity", IdentityProperties.class);
    }
}
