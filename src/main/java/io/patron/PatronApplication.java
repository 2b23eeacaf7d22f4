package io.patron;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Patron: a self-hosted loyalty platform that speaks the CareCloud REST API v1.0. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PatronApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PatronApplication.class);
        // `--demo` is a shorthand for PATRON_DEMO=true: load the demo project.
        if (Arrays.asList(args).contains("--demo")) {
            System.setProperty("patron.demo", "true");
        }
        app.run(args);
    }
}
