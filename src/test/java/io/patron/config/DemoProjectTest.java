package io.patron.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.ApiTest;

/** The demo project imports cleanly (twice: imports are idempotent) and its documented credentials work. */
class DemoProjectTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @BeforeEach
    void importDemoTwice() {
        assertThat(ProjectImporter.demoFiles()).isNotEmpty();
        for (int round = 0; round < 2; round++) {
            ProjectImporter.demoFiles().forEach(file -> importer.apply(ProjectFile.load(file)));
        }
    }

    @Test
    void demoUsersLogInThroughTheDemoApplications() {
        enterprise().post("/users/actions/login", Map.of("user_external_application_id", "demo-enterprise-app",
                "login", "demo@patron.local", "password", "demo-password")).expect(200);
        enterprise().post("/users/actions/login", Map.of("user_external_application_id", "demo-enterprise-app",
                "login", "cashier@patron.local", "password", "cashier-password")).expect(200);
        customer().post("/tokens", Map.of(
                "device", Map.of("device_id", "demo-phone", "device_system", "iOS", "device_name", "iPhone",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "cs", "allowed_gps", true, "allowed_notifications", true),
                "external_application_id", "demo-customer-app")).expect(201);
    }
}
