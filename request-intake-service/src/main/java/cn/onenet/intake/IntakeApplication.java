package cn.onenet.intake;

import cn.onenet.contracts.launcher.LauncherWatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** One window for every channel: validates, deduplicates and durably accepts citizens' requests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {

    public static void main(String[] args) {
        LauncherWatch.start();
        SpringApplication.run(IntakeApplication.class, args);
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
