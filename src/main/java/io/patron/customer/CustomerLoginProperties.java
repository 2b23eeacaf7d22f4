package io.patron.customer;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of customer login ({@code patron.customer-login.*}). */
@ConfigurationProperties("patron.customer-login")
public record CustomerLoginProperties(
        /* How long a token of POST /customers/actions/auth-token or GET /tokens/{id}/actions/auth-token lives. */
        @DefaultValue("5m") Duration authTokenValidity,
        /* Email of the project's test customer (login-test-customer); unset means there is none. */
        String testCustomerEmail,
        @DefaultValue PasswordSetup passwordSetup,
        /* OpenID Connect providers by social network id (the social_network_id of the API). */
        @DefaultValue({}) Map<String, SocialNetwork> socialNetworks) {

    /** The password setup email: link template ({token} is replaced), validity, sender and subject. */
    public record PasswordSetup(
            @DefaultValue("http://localhost:8080/password-setup?token={token}") String urlTemplate,
            @DefaultValue("1h") Duration validity,
            @DefaultValue("no-reply@patron.local") String from,
            @DefaultValue("Set up your password") String subject) {
    }

    /**
     * An OpenID Connect issuer whose ID tokens (RS256) are accepted: its keys come from
     * {@code jwksUrl} or, when set, from the inline {@code jwks} JSON.
     */
    public record SocialNetwork(String issuer, String audience, String jwksUrl, String jwks) {
    }
}
