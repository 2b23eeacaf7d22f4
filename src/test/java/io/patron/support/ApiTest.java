package io.patron.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests: one shared server and Spring context for all test classes, on H2 or
 * PostgreSQL ({@code -Dpatron.test.db=postgres}); the data is reset before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestData.CleanStart.class)
public abstract class ApiTest {

    public static final String LOGIN = "admin@patron.test";
    public static final String PASSWORD = "Correct-Horse-42";
    public static final String ENTERPRISE_APP = "test-enterprise-app";
    public static final String CUSTOMER_APP = "test-customer-app";

    @LocalServerPort
    protected int port;

    @Autowired
    private TestData testData;

    @Autowired
    private io.patron.config.ProjectImporter projectImporter;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("patron.test.provider-port", () -> TestSmtp.PROVIDER_PORT);
    }

    @BeforeEach
    void resetData() {
        testData.reset();
    }

    /** Imports a test project file from {@code src/test/resources/project/} (call it in a @BeforeEach). */
    protected void importProject(String fileName) {
        projectImporter.apply(io.patron.config.ProjectFile.load("classpath:project/" + fileName));
    }

    /** The Enterprise interface without credentials. */
    protected Api enterprise() {
        return Api.enterprise(port);
    }

    /** The Customer interface without credentials. */
    protected Api customer() {
        return Api.customer(port);
    }

    /** The Enterprise interface logged in as the bootstrap admin. */
    protected Api admin() {
        return enterprise().bearer(loginToken(LOGIN, PASSWORD));
    }

    protected String loginToken(String login, String password) {
        Api.Response answer = enterprise().post("/users/actions/login", Map.of(
                "user_external_application_id", ENTERPRISE_APP, "login", login, "password", password));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().path("bearer_token").asString();
    }

    /** A new Customer API token for a device of the test customer application. */
    protected String customerToken(String deviceId) {
        Api.Response answer = customer().post("/tokens", Map.of(
                "device", Map.of("device_id", deviceId, "device_system", "Android 15", "device_name", "Pixel",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "en", "allowed_gps", false, "allowed_notifications", true),
                "external_application_id", CUSTOMER_APP));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.data().path("token_id").asString();
    }
}
