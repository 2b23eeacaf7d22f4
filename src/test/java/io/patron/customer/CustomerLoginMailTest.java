package io.patron.customer;

import static io.patron.customer.CustomerLoginTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.patron.api.ApiError;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestSmtp;

/** The password setup email, sent over SMTP to an in-process GreenMail server. */
class CustomerLoginMailTest extends ApiTest {

    private static final Pattern LINK = Pattern.compile("https://shop\\.example/password\\?token=([A-Za-z0-9_-]+)");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(TestSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @Autowired
    MutableClock clock;

    @Autowired
    CustomerLoginService login;

    @Autowired
    JavaMailSender mailSender;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    void send(String token, String recipient) {
        customer().bearer(token).post("/tokens/" + token + "/actions/send-password-setup-email",
                Map.of("recipient", recipient)).expect(204);
    }

    String onlyLinkToken() throws Exception {
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("jana@example.com");
        assertThat(message.getFrom()[0].toString()).isEqualTo("loyalty@patron.test");
        assertThat(message.getSubject()).isEqualTo("Set up your password");
        Matcher link = LINK.matcher(message.getContent().toString());
        assertThat(link.find()).as(message.getContent().toString()).isTrue();
        return link.group(1);
    }

    @Test
    void aStalledSmtpServerCannotHoldASendForever() {
        // JavaMail's own default is no limit at all
        Properties session = ((JavaMailSenderImpl) mailSender).getSession().getProperties();
        assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("10000");
        assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
    }

    @Test
    void theEmailCarriesASingleUseLink() throws Exception {
        String jana = newCustomer(admin(), "Jana@Example.com", null);
        String token = customerToken("device-1");
        send(token, "JANA@example.com");
        String secret = onlyLinkToken();

        assertThat(login.setPasswordWithToken(secret, "Brand-new-pass")).isEqualTo(jana);
        admin().post("/customers/actions/verify-credentials", CustomerLoginTest.credentials("email",
                "jana@example.com", "Brand-new-pass")).expect(200);
        assertThatThrownBy(() -> login.setPasswordWithToken(secret, "Another-pass")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> login.setPasswordWithToken("made-up", "Another-pass")).isInstanceOf(ApiError.class);
    }

    @Test
    void theLinkExpiresAndANewerOneReplacesIt() throws Exception {
        newCustomer(admin(), "jana@example.com", null);
        String token = customerToken("device-1");
        send(token, "jana@example.com");
        String old = onlyLinkToken();
        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> login.setPasswordWithToken(old, "Brand-new-pass")).isInstanceOf(ApiError.class);

        SMTP.purgeEmailFromAllMailboxes();
        send(token, "jana@example.com");
        String first = onlyLinkToken();
        SMTP.purgeEmailFromAllMailboxes();
        send(token, "jana@example.com");
        String second = onlyLinkToken();
        assertThatThrownBy(() -> login.setPasswordWithToken(first, "Brand-new-pass")).isInstanceOf(ApiError.class);
        login.setPasswordWithToken(second, "Brand-new-pass");
    }

    @Test
    void unknownAddressesGetNoEmailAndTheSameAnswer() {
        newCustomer(admin(), "jana@example.com", null);
        String token = customerToken("device-1");
        send(token, "nobody@example.com");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        Api app = customer().bearer(token);
        // the deprecated email parameter still works; one of them is required
        app.post("/tokens/" + token + "/actions/send-password-setup-email", Map.of("email", "nobody@example.com"))
                .expect(204);
        assertThat(app.post("/tokens/" + token + "/actions/send-password-setup-email",
                Map.of("communication_channel_id", "email")).expect(400).invalidParams())
                .containsExactly("recipient:required");
        String other = customerToken("device-2");
        app.post("/tokens/" + other + "/actions/send-password-setup-email", Map.of("recipient", "jana@example.com"))
                .expect(403);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
