package io.patron.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.common.WebhookSignatures;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestSmtp;

/**
 * Bounce callbacks of message providers: signed with the channel's secret, they set the contract's statuses -1 (hard)
 * and -2 (soft), shown by the message reads; repeats change nothing; bad signatures, unknown messages and bad bodies
 * are refused and change nothing.
 */
class MessageBounceTest extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(TestSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    static final String SMS_SECRET = "sms-callback-secret-0123456789";
    static final String MAIL_SECRET = "mail-callback-secret-0123456789";

    static ProviderServer provider;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry metrics;

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
        importProject("test-messages.yaml");
        SMTP.purgeEmailFromAllMailboxes();
        provider.reset();
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** An SMS sent and accepted by the provider; returns its message id, the provider's {@code reference}. */
    String sentSms(String firstName, String phone) {
        String customer = MessageTest.customer(admin(), firstName, null, phone, "en",
                Map.of("agreement_marketing_communication", 1));
        admin().post("/messages/actions/send-message", Map.of("message",
                MessageTest.message(Ids.stable("message_template", "flash_sms"), customer, 2))).expect(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(message(customer).path("status")
                .asInt()).isEqualTo(1));
        String id = message(customer).path("message_id").asString();
        assertThat(provider.received()).extracting(r -> Api.JSON.readTree(r.getBody().utf8()).path("reference")
                .asString()).contains(id);
        return id;
    }

    JsonNode message(String customerId) {
        JsonNode list = admin().get("/messages", "customer_id", customerId).expect(200).data();
        assertThat(list.path("total_items").asInt()).isEqualTo(1);
        return list.path("messages").get(0);
    }

    JsonNode read(String messageId) {
        return admin().get("/messages/" + messageId).expect(200).data();
    }

    static String body(String reference, String kind, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("reference", reference);
        body.put("kind", kind);
        if (reason != null) {
            body.put("reason", reason);
        }
        return Api.JSON.writeValueAsString(body);
    }

    /** A callback signed now (project clock) with the channel's secret. */
    Api.Response callback(String channel, String secret, String body) {
        return callbackAt(channel, secret, body, clock.instant().getEpochSecond());
    }

    Api.Response callbackAt(String channel, String secret, String body, long timestamp) {
        return Api.root(port)
                .header(WebhookSignatures.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(secret, timestamp, body))
                .post("/callbacks/channels/" + channel + "/bounces", body);
    }

    /** The audit entries of a message, newest first. */
    List<JsonNode> audit(String messageId) {
        JsonNode data = Api.root(port).bearer(loginToken(LOGIN, PASSWORD))
                .get("/admin/audit", "table", "message", "record_id", messageId).expect(200).data();
        List<JsonNode> entries = new ArrayList<>();
        data.path("audit_entries").forEach(entries::add);
        return entries;
    }

    double bounces(String channel, String kind) {
        Counter counter = metrics.find("patron.engagement.bounces").tag("channel", channel).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    // --- bounces ----------------------------------------------------------------------------------

    @Test
    void aSignedHardBounceMarksTheMessageReturnedAndARepeatChangesNothing() {
        String id = sentSms("Petr", "420601234567");
        double before = bounces("2", "hard");
        String body = body(id, "hard", "550 unknown subscriber");

        long now = clock.instant().getEpochSecond();
        Api.Response first = Api.root(port).header("X-Request-Id", "bounce-callback-1")
                .header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(SMS_SECRET, now, body))
                .post("/callbacks/channels/2/bounces", body).expect(200);
        assertThat(first.data().path("message_id").asString()).isEqualTo(id);
        assertThat(first.data().path("status").asInt()).isEqualTo(-1);
        assertThat(first.data().path("changed").asBoolean()).isTrue();

        // the contract's reads show the bounce (and are checked against the contract's status enum)
        JsonNode read = read(id);
        assertThat(read.path("status").asInt()).isEqualTo(-1);
        assertThat(read.path("send_time").asString()).isNotEmpty();
        assertThat(admin().get("/messages", "sort_field", "status").expect(200).data().path("messages").get(0)
                .path("status").asInt()).isEqualTo(-1);

        // audited as the provider of channel 2, with the callback's request id
        List<JsonNode> entries = audit(id);
        JsonNode bounce = entries.get(0);
        assertThat(bounce.path("actor_type").asString()).isEqualTo("provider");
        assertThat(bounce.path("actor_id").asString()).isEqualTo("2");
        assertThat(bounce.path("request_id").asString()).isEqualTo("bounce-callback-1");
        assertThat(bounce.path("changes").path("status").path("old_value").asInt()).isEqualTo(1);
        assertThat(bounce.path("changes").path("status").path("new_value").asInt()).isEqualTo(-1);
        assertThat(bounces("2", "hard")).isEqualTo(before + 1);

        // the same callback again (a provider retrying), and a soft bounce after the hard one: nothing changes
        Api.Response repeat = callback("2", SMS_SECRET, body).expect(200);
        assertThat(repeat.data().path("status").asInt()).isEqualTo(-1);
        assertThat(repeat.data().path("changed").asBoolean()).isFalse();
        Api.Response softer = callback("2", SMS_SECRET, body(id, "soft", null)).expect(200);
        assertThat(softer.data().path("status").asInt()).isEqualTo(-1);
        assertThat(softer.data().path("changed").asBoolean()).isFalse();
        assertThat(audit(id)).hasSize(entries.size());
        assertThat(read(id)).isEqualTo(read);
        assertThat(bounces("2", "hard")).isEqualTo(before + 1);
    }

    @Test
    void aSoftBounceMayTurnHardAndEmailBouncesNameTheMailHeader() throws Exception {
        String sms = sentSms("Jana", "420602000000");
        assertThat(callback("2", SMS_SECRET, body(sms, "soft", "phone unreachable")).expect(200).data()
                .path("status").asInt()).isEqualTo(-2);
        assertThat(read(sms).path("status").asInt()).isEqualTo(-2);
        assertThat(callback("2", SMS_SECRET, body(sms, "hard", null)).expect(200).data().path("changed").asBoolean())
                .isTrue();
        assertThat(read(sms).path("status").asInt()).isEqualTo(-1);

        // e-mail: the mail names its message in X-Patron-Reference, which the mail provider's webhook hands back
        String ada = MessageTest.customer(admin(), "Ada", "ada@example.com", null, "en", Map.of());
        admin().post("/messages/actions/send-message", Map.of("message",
                MessageTest.message(Ids.stable("message_template", "receipt"), ada, 1))).expect(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 1
                && message(ada).path("status").asInt() == 1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        String reference = mail.getHeader(SmtpChannel.REFERENCE_HEADER)[0];
        assertThat(reference).isEqualTo(message(ada).path("message_id").asString());
        // the SMS provider cannot bounce an e-mail; the mail provider can, with its own secret
        callback("2", SMS_SECRET, body(reference, "soft", null)).expect(404);
        callback("1", SMS_SECRET, body(reference, "soft", null)).expect(401);
        callback("1", MAIL_SECRET, body(reference, "soft", "mailbox full")).expect(200);
        assertThat(read(reference).path("status").asInt()).isEqualTo(-2);
        assertThat(admin().get("/messages", "customer_id", ada).expect(200).data().path("messages").get(0)
                .path("status").asInt()).isEqualTo(-2);
    }

    // --- refusals ---------------------------------------------------------------------------------

    @Test
    void badOrStaleSignaturesAre401AndChangeNothing() {
        String id = sentSms("Petr", "420601234567");
        String body = body(id, "hard", null);
        long now = clock.instant().getEpochSecond();
        String path = "/callbacks/channels/2/bounces";

        Api.root(port).post(path, body).expect(401);
        Api.root(port).header(WebhookSignatures.TIMESTAMP, Long.toString(now)).post(path, body).expect(401);
        callback("2", "another-secret-0123456789", body).expect(401);
        // signed for another body, or with another timestamp than the header's
        Api.root(port).header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(SMS_SECRET, now, body(id, "soft", null)))
                .post(path, body).expect(401);
        Api.root(port).header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(SMS_SECRET, now - 1, body))
                .post(path, body).expect(401);
        Api.root(port).header(WebhookSignatures.TIMESTAMP, "yesterday")
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(SMS_SECRET, now, body))
                .post(path, body).expect(401);
        // a stale timestamp (a replayed callback) and one too far ahead, correctly signed
        Api.Response stale = callbackAt("2", SMS_SECRET, body, now - Duration.ofMinutes(6).toSeconds()).expect(401);
        assertThat(stale.error().path("detail").asString()).contains(WebhookSignatures.TIMESTAMP);
        callbackAt("2", SMS_SECRET, body, now + Duration.ofMinutes(6).toSeconds()).expect(401);
        // channels without a callback secret accept no callbacks
        callback("5", SMS_SECRET, body).expect(401);
        callback("99", SMS_SECRET, body).expect(401);

        assertThat(read(id).path("status").asInt()).isEqualTo(1);
        assertThat(audit(id)).noneMatch(e -> e.path("actor_type").asString().equals("provider"));

        // within the allowed skew a callback is fine
        callbackAt("2", SMS_SECRET, body, now - Duration.ofMinutes(4).toSeconds()).expect(200);
        assertThat(read(id).path("status").asInt()).isEqualTo(-1);
    }

    @Test
    void unknownMessagesAre404() {
        callback("2", SMS_SECRET, body("unknown-message", "hard", null)).expect(404);
        // a message without a consent was never given to a provider
        String anna = MessageTest.customer(admin(), "Anna", null, "420603000000", "en", Map.of());
        admin().post("/messages/actions/send-message", Map.of("message",
                MessageTest.message(Ids.stable("message_template", "flash_sms"), anna, 2))).expect(204);
        String id = message(anna).path("message_id").asString();
        assertThat(read(id).path("status").asInt()).isEqualTo(4);
        callback("2", SMS_SECRET, body(id, "hard", null)).expect(404);
        assertThat(read(id).path("status").asInt()).isEqualTo(4);
    }

    @Test
    void badBodiesAre400NamingTheFieldAndChangeNothing() {
        String id = sentSms("Petr", "420601234567");
        assertThat(callback("2", SMS_SECRET, "not json").expect(400).invalidParams())
                .containsExactly("body:invalid_value_format");
        assertThat(callback("2", SMS_SECRET, "").expect(400).invalidParams()).containsExactly("body:required");
        assertThat(callback("2", SMS_SECRET, "[]").expect(400).invalidParams()).containsExactly("body:required");
        assertThat(callback("2", SMS_SECRET, "{}").expect(400).invalidParams())
                .containsExactly("reference:required", "kind:required");
        assertThat(callback("2", SMS_SECRET, "{\"reference\": 42, \"kind\": \"hard\"}").expect(400)
                .invalidParams()).containsExactly("reference:invalid_value_format");
        assertThat(callback("2", SMS_SECRET, body(id, "bounced", null)).expect(400).invalidParams())
                .containsExactly("kind:not_allowed_value");
        assertThat(callback("2", SMS_SECRET, "{\"reference\": \"" + id + "\", \"kind\": -1}").expect(400)
                .invalidParams()).containsExactly("kind:not_allowed_value");
        assertThat(callback("2", SMS_SECRET, "{\"reference\": \"" + id + "\", \"kind\": \"soft\", \"reason\": 5}")
                .expect(400).invalidParams()).containsExactly("reason:invalid_value_format");
        assertThat(callback("2", SMS_SECRET, body("x".repeat(65), "soft", null)).expect(400).invalidParams())
                .containsExactly("reference:invalid_value_format");
        assertThat(read(id).path("status").asInt()).isEqualTo(1);
        assertThat(audit(id)).noneMatch(e -> e.path("actor_type").asString().equals("provider"));
    }
}
