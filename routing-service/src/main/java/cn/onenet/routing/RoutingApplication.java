package cn.onenet.routing;

import cn.onenet.contracts.launcher.LauncherWatch;
import java.time.Clock;
import java.time.Duration;
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

    /**
     * Whole milliseconds, as the store keeps instants: a moment answered in a response (an acceptance, a step's
     * time) is then the one read back later, not its nanoseconds first and its milliseconds after.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
