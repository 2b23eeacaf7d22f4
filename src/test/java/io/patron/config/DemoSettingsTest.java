package io.patron.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The demo's settings (the README's callback secret) exist in the demo only, and what a start sets still wins. */
class DemoSettingsTest {

    private static final String SECRET = "patron.engagement.channels.5.callback-secret";

    @Test
    void theDemoAloneHasTheDemoCallbackSecret() {
        assertThat(environment(Map.of("patron.demo", "true")).getProperty(SECRET)).isEqualTo("demo-callback-secret");
        assertThat(environment(Map.of("patron.demo", "false")).getProperty(SECRET)).isNull();
        assertThat(environment(Map.of()).getProperty(SECRET)).isNull();
    }

    @Test
    void aSecretTheStartSetsWins() {
        assertThat(environment(Map.of("patron.demo", "true", SECRET, "set-by-the-operator")).getProperty(SECRET))
                .isEqualTo("set-by-the-operator");
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new DemoSettings().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
