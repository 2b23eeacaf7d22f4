package io.patron.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestSmtp;

/** One-time passwords: delivery by e-mail and SMS, single use, expiry, binding, attempt and send limits. */
class OtpTest extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(TestSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    static ProviderServer provider;

    private static final Pattern CODE = Pattern.compile("code is ([A-Z0-9]+)");

    @Autowired
    MutableClock clock;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new ProviderServer();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        provider.reset();
    }

    static Map<String, Object> send(String application, int channel, String recipient) {
        Map<String, Object> body = new HashMap<>();
        body.put("external_application_id", application);
        body.put("communication_channel_id", channel);
        body.put("recipient", recipient);
        return body;
    }

    String sendByEmail(Api api, String recipient) {
        return api.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 1, recipient)).expect(200).data()
                .path("request_id").asString();
    }

    String lastEmailedCode() throws Exception {
        var received = SMTP.getReceivedMessages();
        String text = String.join("\n", MessageTest.texts(received[received.length - 1]));
        Matcher code = CODE.matcher(text);
        assertThat(code.find()).as(text).isTrue();
        return code.group(1);
    }

    boolean verify(Api api, String requestId, String code, String application) {
        return api.post("/one-time-password/actions/verify", Map.of("verification_code", code,
                "request_id", requestId, "external_application_id", application)).expect(200).data()
                .path("is_valid").asBoolean();
    }

    @Test
    void aCodeGoesOutByEmailAndIsValidOnce() throws Exception {
        Api admin = admin();
        String requestId = sendByEmail(admin, "Jana@Example.com");
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("jana@example.com");
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Your verification code");
        String code = lastEmailedCode();
        assertThat(code).hasSize(6).matches("[2-9A-HJKMNP-Z]{6}");

        assertThat(verify(admin, requestId, "WRONG1", ENTERPRISE_APP)).isFalse();
        assertThat(verify(admin, requestId, code.toLowerCase(), ENTERPRISE_APP)).isTrue();
        assertThat(verify(admin, requestId, code, ENTERPRISE_APP)).isFalse();
        assertThat(verify(admin, "unknown-request", code, ENTERPRISE_APP)).isFalse();
        // the code is stored only as a hash
        assertThat(admin.get("/messages").expect(200).data().path("total_items").asInt()).isZero();
    }

    @Test
    void aCodeIsBoundToItsApplicationAndExpires() throws Exception {
        Api admin = admin();
        String requestId = sendByEmail(admin, "jana@example.com");
        String code = lastEmailedCode();
        assertThat(verify(admin, requestId, code, CUSTOMER_APP)).isFalse();
        clock.advance(Duration.ofMinutes(61));
        assertThat(verify(admin, requestId, code, ENTERPRISE_APP)).isFalse();

        clock.reset();
        String second = sendByEmail(admin, "jana@example.com");
        String secondCode = lastEmailedCode();
        assertThat(verify(admin, requestId, secondCode, ENTERPRISE_APP)).as("another request's code").isFalse();
        clock.advance(Duration.ofMinutes(59));
        assertThat(verify(admin, second, secondCode, ENTERPRISE_APP)).isTrue();
    }

    @Test
    void attemptsPerRequestAndSendsPerRecipientAreLimited() throws Exception {
        Api admin = admin();
        String requestId = sendByEmail(admin, "jana@example.com");
        String code = lastEmailedCode();
        for (int i = 0; i < 3; i++) {
            assertThat(verify(admin, requestId, "BAD" + i, ENTERPRISE_APP)).isFalse();
        }
        assertThat(verify(admin, requestId, code, ENTERPRISE_APP)).as("past the attempts").isFalse();

        sendByEmail(admin, "jana@example.com");
        sendByEmail(admin, "JANA@example.com");
        admin.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 1, "jana@example.com")).expect(429);
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        sendByEmail(admin, "petr@example.com");
        clock.advance(Duration.ofMinutes(61));
        sendByEmail(admin, "jana@example.com");
    }

    @Test
    void aNumericCodeGoesOutBySmsThroughTheProvider() throws Exception {
        Map<String, Object> body = send(CUSTOMER_APP, 2, "+420 601 234 567");
        body.put("otp_type", 2);
        String requestId = customer().bearer(customerToken("otp-phone")).post("/one-time-password/actions/send", body)
                .expect(200).data().path("request_id").asString();
        assertThat(provider.received()).hasSize(1);
        JsonNode sms = Api.JSON.readTree(provider.received().getFirst().getBody().utf8());
        assertThat(sms.path("recipient").asString()).isEqualTo("420601234567");
        Matcher code = CODE.matcher(sms.path("text").asString());
        assertThat(code.find()).isTrue();
        assertThat(code.group(1)).matches("[0-9]{6}");
        assertThat(verify(customer().bearer(customerToken("otp-phone")), requestId, code.group(1), CUSTOMER_APP))
                .isTrue();
    }

    @Test
    void aCodeThatCouldNotBeDeliveredDoesNotExist() {
        provider.failWith(500);
        admin().post("/one-time-password/actions/send", send(ENTERPRISE_APP, 2, "420601234567")).expect(503);
        // not counted against the recipient either
        for (int i = 0; i < 3; i++) {
            admin().post("/one-time-password/actions/send", send(ENTERPRISE_APP, 2, "420601234567")).expect(200);
        }
    }

    @Test
    void badInputIsRefused() {
        Api admin = admin();
        assertThat(admin.post("/one-time-password/actions/send", send("no-such-app", 1, "jana@example.com"))
                .expect(400).invalidParams()).containsExactly("external_application_id:not_found");
        assertThat(admin.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 5, "jana@example.com"))
                .expect(400).invalidParams()).containsExactly("communication_channel_id:not_allowed_value");
        assertThat(admin.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 4, "device-token"))
                .expect(400).invalidParams()).contains("communication_channel_id:not_allowed_value");
        assertThat(admin.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 1, "not-an-email"))
                .expect(400).invalidParams()).containsExactly("recipient:invalid_value_format");
        assertThat(admin.post("/one-time-password/actions/send", send(ENTERPRISE_APP, 2, "call me"))
                .expect(400).invalidParams()).containsExactly("recipient:invalid_value_format");
        Map<String, Object> wrongTemplate = send(ENTERPRISE_APP, 2, "420601234567");
        wrongTemplate.put("message_template_id", io.patron.common.Ids.stable("message_template", "otp_email"));
        assertThat(admin.post("/one-time-password/actions/send", wrongTemplate).expect(400).invalidParams())
                .containsExactly("message_template_id:not_allowed_value");
        Map<String, Object> badType = send(ENTERPRISE_APP, 1, "jana@example.com");
        badType.put("otp_type", 3);
        assertThat(admin.post("/one-time-password/actions/send", badType).expect(400).invalidParams())
                .containsExactly("otp_type:not_allowed_value");
        assertThat(admin.post("/one-time-password/actions/verify", Map.of("request_id", "x")).expect(400)
                .invalidParams()).contains("verification_code:required", "external_application_id:required");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(provider.received()).isEmpty();
        assertThat(List.of()).isEmpty();
    }
}
