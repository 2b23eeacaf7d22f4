package io.patron.customer;

import static io.patron.customer.CustomerLoginTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Social network login with OpenID Connect ID tokens of the test issuer configured for the tests. */
class CustomerLoginSocialTest extends ApiTest {

    static final String ISSUER = "https://id.patron.test";
    static final String AUDIENCE = "patron-test-app";

    @Autowired
    MutableClock clock;

    static RSAKey issuerKey() throws Exception {
        try (var in = CustomerLoginSocialTest.class.getResourceAsStream("/social/test-idp-private-jwk.json")) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    String idToken(RSAKey key, String issuer, String audience, String subject, String email, Instant expires)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(expires));
        if (email != null) {
            claims.claim("email", email).claim("email_verified", true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    String idToken(String subject, String email) throws Exception {
        return idToken(issuerKey(), ISSUER, AUDIENCE, subject, email, clock.instant().plusSeconds(600));
    }

    static Map<String, Object> credentials(String network, String token) {
        return Map.of("social_network_credentials", Map.of("social_network_id", network,
                "social_network_token", token));
    }

    Api.Response verify(String network, String token) {
        return admin().post("/customers/actions/verify-social-network-credentials", credentials(network, token));
    }

    @Test
    void aVerifiedEmailFindsTheCustomerAndLinksTheSubject() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com", null);
        assertThat(verify("testid", idToken("sub-1", null)).expect(400).invalidParams())
                .containsExactly("social_network_credentials.social_network_token:not_found");
        assertThat(verify("testid", idToken("sub-1", "Jana@example.com")).expect(200).data().path("customer_id")
                .asString()).isEqualTo(jana);
        // from now on the subject alone is enough, whatever the email claim says
        assertThat(verify("testid", idToken("sub-1", null)).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);
    }

    @Test
    void forgedExpiredOrForeignTokensAreRefused() throws Exception {
        newCustomer(admin(), "jana@example.com", null);
        RSAKey forged = new RSAKeyGenerator(2048).keyID(issuerKey().getKeyID()).generate();
        Instant later = clock.instant().plusSeconds(600);
        String refused = "social_network_credentials.social_network_token:not_allowed_value";
        assertThat(verify("testid", idToken(forged, ISSUER, AUDIENCE, "sub-1", "jana@example.com", later))
                .expect(400).invalidParams()).containsExactly(refused);
        assertThat(verify("testid", idToken(issuerKey(), ISSUER, "another-app", "sub-1", "jana@example.com", later))
                .expect(400).invalidParams()).containsExactly(refused);
        assertThat(verify("testid", idToken(issuerKey(), "https://evil.test", AUDIENCE, "sub-1", "jana@example.com",
                later)).expect(400).invalidParams()).containsExactly(refused);
        assertThat(verify("testid", idToken(issuerKey(), ISSUER, AUDIENCE, "sub-1", "jana@example.com",
                clock.instant().minusSeconds(300))).expect(400).invalidParams()).containsExactly(refused);
        assertThat(verify("testid", "not-a-jwt").expect(400).invalidParams()).containsExactly(refused);
        assertThat(verify("myspace", idToken("sub-1", "jana@example.com")).expect(400).invalidParams())
                .containsExactly("social_network_credentials.social_network_id:not_found");
        assertThat(admin().post("/customers/actions/verify-social-network-credentials", Map.of()).expect(400)
                .invalidParams()).containsExactly("social_network_credentials:required");
    }

    @Test
    void aTokenExpiresByTheProjectClock() throws Exception {
        newCustomer(admin(), "jana@example.com", null);
        String token = idToken("sub-1", "jana@example.com");
        clock.advance(java.time.Duration.ofMinutes(15));
        verify("testid", token).expect(400);
    }

    @Test
    void socialLoginBindsTheCustomerToTheAppToken() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com", null);
        String petr = newCustomer(admin(), "petr@example.com", null);
        String token = customerToken("device-1");
        Api app = customer().bearer(token);
        assertThat(app.post("/tokens/" + token + "/actions/social-network-login",
                credentials("testid", idToken("sub-9", "jana@example.com"))).expect(200).data().path("customer_id")
                .asString()).isEqualTo(jana);
        app.get("/customers/" + jana).expect(200);
        assertThat(app.get("/customers/" + petr).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        String other = customerToken("device-2");
        app.post("/tokens/" + other + "/actions/social-network-login",
                credentials("testid", idToken("sub-9", null))).expect(403);
    }

    @Test
    void signUpAndUpdateLinkTheSocialNetworkAccount() throws Exception {
        Map<String, Object> body = CustomerTest.signUp(CustomerTest.person("jana@example.com", "Jana", "Nová"),
                CustomerTest.ESHOP, null);
        body.put("social_network_credentials", Map.of("social_network_id", "testid",
                "social_network_token", idToken("sub-jana", null)));
        String jana = admin().post("/customers", body).expect(201).data().path("customer_id").asString();
        assertThat(verify("testid", idToken("sub-jana", null)).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);

        // a forged token is refused at sign-up; nothing is created
        Map<String, Object> forged = CustomerTest.signUp(CustomerTest.person("petr@example.com", "Petr", "Nový"),
                CustomerTest.ESHOP, null);
        forged.put("social_network_credentials", Map.of("social_network_id", "testid",
                "social_network_token", "not-a-jwt"));
        assertThat(admin().post("/customers", forged).expect(400).invalidParams())
                .containsExactly("social_network_credentials.social_network_token:not_allowed_value");

        // another customer cannot take the same account; a PUT without credentials keeps the link
        String petr = newCustomer(admin(), "petr@example.com", null);
        Map<String, Object> update = new java.util.HashMap<>();
        update.put("customer", Map.of("personal_information", CustomerTest.person("petr@example.com", "Petr", "N")));
        update.put("social_network_credentials", Map.of("social_network_id", "testid",
                "social_network_token", idToken("sub-jana", null)));
        assertThat(admin().put("/customers/" + petr, update).expect(400).invalidParams())
                .containsExactly("social_network_credentials.social_network_token:already_exists");
        update.put("social_network_credentials", Map.of("social_network_id", "testid",
                "social_network_token", idToken("sub-petr", null)));
        admin().put("/customers/" + petr, update).expect(204);
        update.remove("social_network_credentials");
        admin().put("/customers/" + petr, update).expect(204);
        assertThat(verify("testid", idToken("sub-petr", null)).expect(200).data().path("customer_id").asString())
                .isEqualTo(petr);
    }
}
