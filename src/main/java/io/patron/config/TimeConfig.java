package io.patron.config;

import java.time.Clock;
import java.time.ZoneId;

import javax.sql.DataSource;

import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time comes from one injectable clock in the project's time zone, so tests can move it; in a
 * sandbox ({@code patron.sandbox}) integrators move it too, for every node (see {@link ProjectClock}).
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    @Bean
    ProjectClock clock(PatronProperties properties, DataSource dataSource,
                       @Value("${spring.datasource.url}") String url, @Value("${patron.sandbox:false}") boolean sandbox) {
        // The offset is read on a connection of its own, outside any transaction of the caller. Not through the
        // DSLContext bean: that waits for Flyway, whose audit callback and writes already ask for the clock.
        return new ProjectClock(ZoneId.of(properties.timeZone()),
                sandbox ? DSL.using(dataSource, JDBCUtils.dialect(url)) : null);
    }
}
