package io.patron.jobs;

import java.time.Clock;

import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This node's job scheduler, running the {@link CoordinatedJob} methods of every bean. */
@Configuration(proxyBeanMethods = false)
class JobConfig {

    @Bean
    JobScheduler jobScheduler(DSLContext dsl, Clock clock, JobProperties properties, CoordinatedJobMethods jobs) {
        return new JobScheduler(dsl, clock, properties, jobs);
    }
}
