package io.patron.config;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * jOOQ settings: {@code Record.into(SomeJavaRecord.class)} maps columns to the record's components
 * by name ({@code store_id} → {@code storeId}), not by position, so a body record and its select
 * can list their fields in any order and a select may carry extra columns.
 */
@Configuration(proxyBeanMethods = false)
class JooqConfig {

    @Bean
    DefaultConfigurationCustomizer mapRecordsByComponentName() {
        return configuration -> configuration.settings().withMapRecordComponentParameterNames(true);
    }
}
