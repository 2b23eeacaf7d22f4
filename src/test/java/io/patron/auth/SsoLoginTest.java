package io.patron.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Single sign-on of Enterprise users with ID tokens of the test OpenID Connect provider. */
class SsoLoginTest extends ApiTest {

    static final String ISSUER = "https://sso.patron.test";
    static final String AUDIENCE = "patron-enterprise";

    @Autowired
    MutableClock clock;

    @BeforeEach
    void users() {
        importProject("test-sso-users.yaml");
    }

    static RSAKey providerKey() throws Exception {
        try (var in = SsoLoginTest.class.getResourceAsStream("/social/test-idp-private-jwk.json")) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    String token(RSAKey key, String issuer, String audience, String claim, String value, Instant expires)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-1")
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(expires)).claim(claim, value).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    String token(String claim, String value) throws Exception {
        return token(providerKey(), ISSUER, AUDIENCE, claim, value, clock.instant().plusSeconds(300));
    }

    Api.Response login(String token) {
        return enterprise().post("/users/actions/sso-login",
                Map.of("user_external_application_id", ENTERPRISE_APP, "sso_token", token));
    }

    @Test
    void anIdTokenOfTheProviderLogsInTheUserItNames() throws Exception {
        JsonNode byEmail = login(token("email", "Karel.Kasa@retail.test")).expect(200).data();
        assertThat(byEmail.path("user").path("login").asString()).isEqualTo("karel");
        assertThat(byEmail.path("valid_to").asString()).isNotBlank();
        Api karel = enterprise().bearer(byEmail.path("bearer_token").asString());
        assertThat(karel.post("/users/actions/verify-auth-token",
                Map.of("auth_token", byEmail.path("bearer_token").asString())).expect(200).data().path("user_id")
                .asString()).isEqualTo(byEmail.path("user").path("user_id").asString());
        JsonNode byLogin = login(token("preferred_username", LOGIN)).expect(200).data();
        assertThat(byLogin.path("user").path("login").asString()).isEqualTo(LOGIN);
    }

    @Test
    void unknownUsersAndInvalidTokensGetTheSameAnswer() throws Exception {
        String refused = "sso_token:not_allowed_value";
        assertThat(login(token("email", "nobody@retail.test")).expect(400).invalidParams()).containsExactly(refused);
        assertThat(login(token("sub_only", "x")).expect(400).invalidParams()).containsExactly(refused);
        RSAKey forged = new RSAKeyGenerator(2048).keyID("test-idp-1").generate();
        assertThat(login(token(forged, ISSUER, AUDIENCE, "email", "karel.kasa@retail.test",
                clock.instant().plusSeconds(300))).expect(400).invalidParams()).containsExactly(refused);
        assertThat(login(token(providerKey(), ISSUER, AUDIENCE, "email", "karel.kasa@retail.test",
                clock.instant().minusSeconds(300))).expect(400).invalidParams()).containsExactly(refused);
        assertThat(login(token(providerKey(), ISSUER, "another-app", "email", "karel.kasa@retail.test",
                clock.instant().plusSeconds(300))).expect(400).invalidParams()).containsExactly(refused);
        assertThat(login(token(providerKey(), "https://id.patron.test", AUDIENCE, "email", "karel.kasa@retail.test",
                clock.instant().plusSeconds(300))).expect(400).invalidParams()).containsExactly(refused);
        assertThat(login("not.a.token").expect(400).invalidParams()).containsExactly(refused);
        assertThat(enterprise().post("/users/actions/sso-login", Map.of("sso_token", token("email", "karel")))
                .expect(400).invalidParams()).containsExactly("user_external_application_id:required");
        enterprise().post("/users/actions/sso-login", Map.of("user_external_application_id", "nope",
                "sso_token", token("email", "karel.kasa@retail.test"))).expect(400);
        customer().post("/users/actions/sso-login", Map.of("user_external_application_id", ENTERPRISE_APP,
                "sso_token", token("email", "karel.kasa@retail.test"))).expect(403);
    }
}
