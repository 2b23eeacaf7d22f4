package io.patron.config;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time comes from one injectable clock in the project's time zone, so tests can move it. */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    @Bean
    Clock clock(PatronProperties properties) {
        return Clock.system(ZoneId.of(properties.timeZone()));
    }
}
