package cn.onenet.identity;

import cn.onenet.contracts.launcher.LauncherWatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityApplication {

    public static void main(String[] args) {
        LauncherWatch.start();
        SpringApplication.run(IdentityApplication.class, args);
    }
}
