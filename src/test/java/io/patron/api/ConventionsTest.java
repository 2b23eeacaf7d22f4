package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

class ConventionsTest extends ApiTest {

    @Test
    void connectionTestReversesTheString() {
        Api.Response answer = enterprise().get("/tests/connection", "test_string", "Hello World!").expect(200);
        assertThat(answer.data().path("test_string").asString()).isEqualTo("!dlroW olleH");
        assertThat(answer.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=UTF-8");
    }

    @Test
    void unknownPathIsJson404WithoutResourceId() {
        Api.Response answer = admin().get("/no-such-resource").expect(404);
        assertThat(answer.error().path("error_data").has("resource_id")).isFalse();
        assertThat(answer.error().path("type").asString()).isNotBlank();
    }
}
