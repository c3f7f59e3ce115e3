package cn.onenet.platform.pii;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** {@link PersonalData} for every service, on the configured keys. */
@AutoConfiguration
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    PersonalData personalData(PersonalDataProperties properties) {
        if (properties.demoKeys()) {
            log.warn("Personal data is sealed with the local demo keys from the README: set ONENET_PII_KEY and"
                    + " ONENET_PII_LOOKUP_KEY for any real data");
        }
        return new PersonalData(properties);
    }
}
