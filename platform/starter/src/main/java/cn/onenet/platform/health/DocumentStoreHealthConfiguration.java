package cn.onenet.platform.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

@AutoConfiguration(after = DataMongoAutoConfiguration.class)
@ConditionalOnClass(MongoTemplate.class)
@EnableConfigurationProperties(HealthProperties.class)
public class DocumentStoreHealthConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    DocumentStoreHealthIndicator documentStoreHealthIndicator(MongoTemplate mongo, HealthProperties properties) {
        return new DocumentStoreHealthIndicator(mongo, properties.timeout());
    }
}
