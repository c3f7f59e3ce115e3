package cn.onenet.routing;

import cn.onenet.contracts.launcher.LauncherWatch;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Work orders from acceptance to closure: routing, the state machine, deadlines and reference data. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RoutingApplication {

    public static void main(String[] args) {
        LauncherWatch.start();
        SpringApplication.run(RoutingApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
