package io.patron.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

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

/** Message templates and messages: rendering, the consent check, delivery over SMTP and the HTTP provider, retries. */
class MessageTest extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(TestSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    static ProviderServer provider;

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();

    @Autowired
    MutableClock clock;

    @Autowired
    MessageRetention retention;

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

    static String customer(Api api, String firstName, String email, String phone, String language,
                           Map<String, Integer> consents) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", firstName);
        info.put("last_name", "Tester");
        if (email != null) {
            info.put("email", email);
        }
        if (phone != null) {
            info.put("phone", phone);
        }
        info.put("language_id", language);
        List<Map<String, Object>> given = new ArrayList<>();
        consents.forEach((id, value) -> given.add(Map.of("consent_id", id.startsWith("agreement_") ? id
                : api.get("/agreements", "text_id", id).expect(200).data().path("agreements").get(0)
                        .path("agreement_id").asString(), "consent_value", value)));
        if (!given.isEmpty()) {
            info.put("consents", given);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", io.patron.common.Ids.stable("customer_source", "eshop")));
        body.put("autologin", false);
        body.put("password", "S3cret-pass-42");
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static Map<String, Object> message(String templateId, String customerId, int channel, Object... data) {
        Map<String, Object> message = new HashMap<>();
        message.put("message_template_id", templateId);
        message.put("customer_id", customerId);
        message.put("communication_channel_id", channel);
        List<Map<String, String>> parameters = new ArrayList<>();
        for (int i = 0; i < data.length; i += 2) {
            parameters.add(Map.of("parameter_name", (String) data[i], "value", (String) data[i + 1]));
        }
        if (!parameters.isEmpty()) {
            message.put("message_data", parameters);
        }
        return message;
    }

    void send(Map<String, Object> message) {
        admin().post("/messages/actions/send-message", Map.of("message", message)).expect(204);
    }

    JsonNode onlyMessageOf(String customerId) {
        JsonNode list = admin().get("/messages", "customer_id", customerId).expect(200).data();
        assertThat(list.path("total_items").asInt()).isEqualTo(1);
        return list.path("messages").get(0);
    }

    void awaitStatus(String customerId, int status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(onlyMessageOf(customerId).path("status").asInt()).isEqualTo(status));
    }

    static final Map<String, Integer> NEWSLETTER = Map.of("agreement_marketing_communication", 0);

    /** The text parts of a mail, nested multiparts included. */
    static List<String> texts(jakarta.mail.Part part) throws Exception {
        List<String> out = new ArrayList<>();
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                out.addAll(texts(multipart.getBodyPart(i)));
            }
        } else if (content instanceof String text) {
            out.add(text);
        }
        return out;
    }

    // --- templates --------------------------------------------------------------------------------

    @Test
    void templatesComeFromTheProjectFile() {
        String welcome = io.patron.common.Ids.stable("message_template", "welcome");
        JsonNode all = admin().get("/message-templates").expect(200).data();
        assertThat(all.path("total_items").asInt()).isGreaterThanOrEqualTo(5);
        JsonNode one = admin().header("Accept-Language", "cs").get("/message-templates/" + welcome).expect(200).data();
        assertThat(one.path("subject").asString()).isEqualTo("Vítejte, {{customer.first_name}}");
        assertThat(one.path("sender").asString()).isEqualTo("club@patron.test");
        assertThat(one.path("communication_channel_id").asInt()).isEqualTo(1);
        assertThat(one.path("message_template_group_id").asInt()).isEqualTo(2);
        assertThat(one.path("consent_free_template").asBoolean()).isFalse();
        assertThat(one.path("template_data").get(0).path("parameter_name").asString()).isEqualTo("card_number");
        assertThat(admin().header("Accept-Language", "en").get("/message-templates/" + welcome).expect(200).data()
                .path("subject").asString()).isEqualTo("Welcome, {{customer.first_name}}");

        JsonNode sms = admin().get("/message-templates", "communication_channel_id", "2").expect(200).data();
        assertThat(sms.path("message_templates")).extracting(t -> t.path("name").asString())
                .contains("Flash sale SMS", "One-time password (SMS)")
                .doesNotContain("Welcome");
        JsonNode named = admin().get("/message-templates", "name", "flash").expect(200).data();
        assertThat(named.path("total_items").asInt()).isEqualTo(1);
        admin().get("/message-templates/unknown-template").expect(404);
        customer().bearer(customerToken("t-1")).get("/message-templates/" + welcome).expect(200);
    }

    // --- e-mail -----------------------------------------------------------------------------------

    @Test
    void anEmailIsRenderedWithEscapedCustomerDataAndDeliveredOverSmtp() throws Exception {
        String jan = customer(admin(), "<b>Jan</b>", "jan@example.com", null, "cs",
                Map.of("loyalty_newsletter", 1));
        String welcome = io.patron.common.Ids.stable("message_template", "welcome");
        send(message(welcome, jan, 1, "card_number", "PC-42 & <co>"));
        awaitStatus(jan, 1);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jan@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("club@patron.test");
        assertThat(mail.getSubject()).isEqualTo("Vítejte, <b>Jan</b>");
        assertThat(texts(mail)).contains("Dobrý den <b>Jan</b>, vaše karta je PC-42 & <co>.");
        assertThat(String.join("\n", texts(mail))).contains("&lt;b&gt;Jan&lt;/b&gt;").contains("PC-42 &amp; &lt;co&gt;");

        JsonNode stored = onlyMessageOf(jan);
        assertThat(stored.path("title").asString()).isEqualTo("Vítejte, <b>Jan</b>");
        assertThat(stored.path("contact").asString()).isEqualTo("jan@example.com");
        assertThat(stored.path("send_time").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(stored.path("message_data").get(0).path("value").asString()).isEqualTo("PC-42 & <co>");
        String id = stored.path("message_id").asString();
        admin().get("/messages/" + id).expect(200);
        JsonNode detail = admin().get("/messages/" + id + "/detail").expect(200).data();
        assertThat(detail.path("html_body").asString())
                .isEqualTo("<p>Dobrý den &lt;b&gt;Jan&lt;/b&gt;, vaše karta je PC-42 &amp; &lt;co&gt;.</p>");
        assertThat(detail.path("plain_text_body").asString()).isEqualTo("Dobrý den <b>Jan</b>, vaše karta je PC-42 & <co>.");
        admin().get("/messages/unknown-message/detail").expect(404);
        admin().get("/messages/unknown-message").expect(404);
    }

    @Test
    void withoutAConsentToTheChannelNothingIsSent() throws Exception {
        String anna = customer(admin(), "Anna", "anna@example.com", null, "en", Map.of("loyalty_newsletter", 0));
        send(message(io.patron.common.Ids.stable("message_template", "welcome"), anna, 1));
        JsonNode stored = onlyMessageOf(anna);
        assertThat(stored.path("status").asInt()).isEqualTo(4);
        assertThat(stored.has("send_time")).isFalse();

        // a consent-free template goes out all the same; the default parameter value fills a missing one
        send(message(io.patron.common.Ids.stable("message_template", "receipt"), anna, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 1);
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Your receipt");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin().get("/messages", "customer_id", anna, "sort_field", "status").expect(200).data()
                        .path("messages")).extracting(m -> m.path("status").asInt()).containsExactly(1, 4));
        assertThat(SMTP.getReceivedMessages()).hasSize(1);

        // the general marketing consent covers every channel
        String eva = customer(admin(), "Eva", "eva@example.com", null, "en",
                Map.of("agreement_marketing_communication", 1));
        send(message(io.patron.common.Ids.stable("message_template", "welcome"), eva, 1));
        awaitStatus(eva, 1);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(SMTP.getReceivedMessages()[1].getSubject()).isEqualTo("Welcome, Eva");
    }

    // --- SMS over the HTTP provider, retries ---------------------------------------------------------

    @Test
    void anSmsGoesToTheHttpProviderAsJson() throws Exception {
        String petr = customer(admin(), "Petr", null, "420601234567", "en",
                Map.of("agreement_marketing_communication", 1));
        send(message(io.patron.common.Ids.stable("message_template", "flash_sms"), petr, 2, "discount", "25 %"));
        awaitStatus(petr, 1);
        assertThat(provider.received()).hasSize(1);
        var request = provider.received().getFirst();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/sms");
        assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo("test-key");
        JsonNode body = Api.JSON.readTree(request.getBody().utf8());
        assertThat(body.path("recipient").asString()).isEqualTo("420601234567");
        assertThat(body.path("text").asString()).isEqualTo("Petr, today 25 % off!");
        assertThat(body.path("communication_channel_id").asString()).isEqualTo("2");
        assertThat(body.path("reference").asString()).isEqualTo(onlyMessageOf(petr).path("message_id").asString());

        // another contact than the customer's own
        provider.reset();
        Map<String, Object> other = message(io.patron.common.Ids.stable("message_template", "flash_sms"), petr, 2);
        other.put("contact", "420777000111");
        send(other);
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.received().size() == 1);
        assertThat(Api.JSON.readTree(provider.received().getFirst().getBody().utf8()).path("recipient").asString())
                .isEqualTo("420777000111");
        assertThat(admin().get("/messages", "contact", "420777000111").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
    }

    @Test
    void aFailedDeliveryIsRetriedAndAfterTheLastAttemptIsAnError() {
        String petr = customer(admin(), "Petr", null, "420601234567", "en",
                Map.of("agreement_marketing_communication", 1));
        provider.failWith(503, 500);
        send(message(io.patron.common.Ids.stable("message_template", "flash_sms"), petr, 2));
        awaitStatus(petr, 5);
        assertThat(onlyMessageOf(petr).has("send_time")).isFalse();
        // each failed attempt schedules the next one a little later on the project clock
        awaitStatusMovingTheClock(petr, 1);
        assertThat(provider.received()).hasSize(3);

        // every attempt fails: after the configured three the message is an error and nothing is tried again
        String jana = customer(admin(), "Jana", null, "420602000000", "en",
                Map.of("agreement_marketing_communication", 1));
        provider.reset();
        provider.failWith(500, 500, 500, 500, 500);
        send(message(io.patron.common.Ids.stable("message_template", "flash_sms"), jana, 2));
        awaitStatus(jana, 5);
        awaitStatusMovingTheClock(jana, 2);
        assertThat(provider.received()).hasSize(3);
        clock.advance(Duration.ofHours(2));
        assertThat(onlyMessageOf(jana).path("status").asInt()).isEqualTo(2);
        assertThat(provider.received()).hasSize(3);
    }

    void awaitStatusMovingTheClock(String customerId, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            clock.advance(Duration.ofMinutes(1));
            assertThat(onlyMessageOf(customerId).path("status").asInt()).isEqualTo(status);
        });
    }

    // --- internal notifications and the Customer API ------------------------------------------------

    @Test
    void internalNotificationsAreReadByTheirCustomerOnly() {
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Mia", "email", "mia@example.com",
                "language_id", "en")));
        signUp.put("customer_source", Map.of("customer_source_id", io.patron.common.Ids.stable("customer_source", "eshop")));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass-42");
        String mia = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        String other = customer(admin(), "Ola", "ola@example.com", null, "en", Map.of());
        String note = io.patron.common.Ids.stable("message_template", "inbox_note");
        send(message(note, mia, 5));
        send(message(note, other, 5));
        awaitStatus(mia, 1);

        JsonNode mine = app.get("/messages").expect(200).data();
        assertThat(mine.path("total_items").asInt()).isEqualTo(1);
        String mineId = mine.path("messages").get(0).path("message_id").asString();
        assertThat(app.get("/messages/" + mineId + "/detail").expect(200).data().path("plain_text_body").asString())
                .isEqualTo("A note for Mia");
        String theirs = onlyMessageOf(other).path("message_id").asString();
        assertThat(app.get("/messages/" + theirs).expect(400).invalidParams())
                .containsExactly("message_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/messages/" + theirs + "/detail").expect(400).invalidParams())
                .containsExactly("message_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/messages", "customer_id", other).expect(200).data().path("total_items").asInt()).isZero();
        app.post("/messages/actions/send-message", Map.of("message", message(note, mia, 5))).expect(403);
        assertThat(customer().bearer(customerToken("phone-2")).get("/messages").expect(200).data()
                .path("total_items").asInt()).isZero();
    }

    // --- bad input --------------------------------------------------------------------------------

    @Test
    void badSendsAreRefusedAndChangeNothing() {
        String petr = customer(admin(), "Petr", null, "420601234567", "en",
                Map.of("agreement_marketing_communication", 1));
        String welcome = io.patron.common.Ids.stable("message_template", "welcome");
        String push = io.patron.common.Ids.stable("message_template", "push_news");
        Api admin = admin();
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message(push, petr, 4)))
                .expect(400).invalidParams()).containsExactly("message.communication_channel_id:not_allowed_value");
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message(welcome, petr, 2)))
                .expect(400).invalidParams()).containsExactly("message.communication_channel_id:not_allowed_value");
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message("nope", petr, 1)))
                .expect(400).invalidParams()).containsExactly("message.message_template_id:not_found");
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message(welcome, "nobody", 1)))
                .expect(400).invalidParams()).containsExactly("message.customer_id:not_found");
        assertThat(admin.post("/messages/actions/send-message",
                Map.of("message", message(welcome, petr, 1, "unknown", "x"))).expect(400).invalidParams())
                .containsExactly("message.message_data[0].parameter_name:not_allowed_value");
        // Petr has no e-mail address and the request names no contact
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message(welcome, petr, 1)))
                .expect(400).invalidParams()).containsExactly("message.contact:required");
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", Map.of("customer_id", petr)))
                .expect(400).invalidParams()).contains("message.message_template_id:required",
                        "message.communication_channel_id:required");
        assertThat(admin.post("/messages/actions/send-message", Map.of("message", message(welcome, petr, 3)))
                .expect(400).invalidParams()).containsExactly("message.communication_channel_id:not_allowed_value");
        assertThat(admin.get("/messages", "send_time_from", "yesterday").expect(400).invalidParams())
                .containsExactly("send_time_from:invalid_value_format");
        assertThat(admin.get("/messages").expect(200).data().path("total_items").asInt()).isZero();
    }

    // --- attachments ------------------------------------------------------------------------------

    Map<String, Object> withAttachment(String method, String data) {
        Map<String, Object> message = message(io.patron.common.Ids.stable("message_template", "receipt"),
                customer(admin(), "Ada", "ada" + System.nanoTime() + "@example.com", null, "en", Map.of()), 1);
        message.put("attachments", List.of(Map.of("upload_method", method, "file_data", data)));
        return message;
    }

    @Test
    void attachmentsAreCheckedAndDelivered() throws Exception {
        send(withAttachment("base64", Base64.getEncoder().encodeToString(PDF)));
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 1);
        Multipart parts = (Multipart) SMTP.getReceivedMessages()[0].getContent();
        BodyPart attachment = parts.getBodyPart(parts.getCount() - 1);
        assertThat(attachment.getFileName()).isEqualTo("attachment-1.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        String id = admin().get("/messages").expect(200).data().path("messages").get(0).path("message_id").asString();
        assertThat(admin().get("/messages/" + id + "/detail").expect(200).data().path("attachments").get(0)
                .path("attachment_format").asString()).isEqualTo("application/pdf");

        // from an allowed host
        provider.serve("leaflet.pdf", PDF);
        send(withAttachment("url", "http://localhost:" + TestSmtp.PROVIDER_PORT + "/files/leaflet.pdf"));
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 2);
        Multipart second = (Multipart) SMTP.getReceivedMessages()[1].getContent();
        assertThat(second.getBodyPart(second.getCount() - 1).getFileName()).isEqualTo("leaflet.pdf");
    }

    @Test
    void attachmentsOfAWrongKindSizeOrSourceAreRefused() {
        String param = "message.attachments[0].file_data";
        assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("base64",
                Base64.getEncoder().encodeToString("just text".getBytes())))).expect(400).invalidParams())
                .containsExactly(param + ":not_allowed_value");
        byte[] big = new byte[1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("base64",
                Base64.getEncoder().encodeToString(big)))).expect(400).invalidParams())
                .containsExactly(param + ":not_allowed_value");
        assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("base64",
                "***"))).expect(400).invalidParams()).containsExactly(param + ":invalid_value_format");
        // server-side request forgery: hosts outside the allow-list, internal addresses, other schemes
        provider.serve("leaflet.pdf", PDF);
        for (String url : List.of("http://127.0.0.1:" + TestSmtp.PROVIDER_PORT + "/files/leaflet.pdf",
                "http://127.0.0.2:" + TestSmtp.PROVIDER_PORT + "/files/leaflet.pdf",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + TestSmtp.PROVIDER_PORT + "/files/leaflet.pdf",
                "http://example.com/leaflet.pdf")) {
            assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("url", url)))
                    .expect(400).invalidParams()).as(url).containsExactly(param + ":not_allowed_value");
        }
        for (String url : List.of("file:///etc/passwd", "ftp://localhost/x.pdf", "not a url at all")) {
            assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("url", url)))
                    .expect(400).invalidParams()).as(url).containsExactly(param + ":invalid_value_format");
        }
        assertThat(admin().post("/messages/actions/send-message", Map.of("message", withAttachment("url",
                "http://localhost:" + TestSmtp.PROVIDER_PORT + "/files/missing.pdf"))).expect(400).invalidParams())
                .containsExactly(param + ":not_found");
        assertThat(admin().get("/messages").expect(200).data().path("total_items").asInt()).isZero();
        assertThat(provider.received()).isEmpty();
    }

    // --- retention --------------------------------------------------------------------------------

    @Test
    void messagesAreDeletedAfterTheRetentionPeriod() {
        String ada = customer(admin(), "Ada", "ada@example.com", null, "en", Map.of());
        send(message(io.patron.common.Ids.stable("message_template", "receipt"), ada, 1));
        awaitStatus(ada, 1);
        clock.advance(Duration.ofDays(364));
        retention.deleteOldMessages();
        assertThat(admin().get("/messages").expect(200).data().path("total_items").asInt()).isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        retention.deleteOldMessages();
        assertThat(admin().get("/messages").expect(200).data().path("total_items").asInt()).isZero();
    }
}
