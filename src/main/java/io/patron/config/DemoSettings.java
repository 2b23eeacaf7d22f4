package io.patron.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The demo's own settings ({@value #LOCATION}), added when {@code patron.demo} is on and only then, below every
 * other source: what the README's examples need that a real project configures for itself (the callback secret of
 * the demo's internal channel), so that it is never a default of a production start. A property or environment
 * variable of the same name still wins. Registered in {@code META-INF/spring.factories}.
 */
public class DemoSettings implements EnvironmentPostProcessor, Ordered {

    static final String LOCATION = "project/demo-settings.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("patron.demo", Boolean.class, false)) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load("demo settings (" + LOCATION + ")", new ClassPathResource(LOCATION))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo settings " + LOCATION, e);
        }
    }

    /** After the configuration files are read: {@code patron.demo} may be set by {@code PATRON_DEMO} through them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
