package io.patron.auth;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.stereotype.Component;

/**
 * Verifies OpenID Connect ID tokens (RS256 JWTs) of a configured provider: the signature against the provider's
 * JWKS (inline or fetched from its URL, cached), the issuer, the audience and the expiry (on the project clock).
 * Used by the customers' social login and the Enterprise users' single sign-on.
 */
@Component
public class IdTokenVerifier {

    /** An OpenID Connect issuer whose ID tokens are accepted; keys from {@code jwks} (JSON) or {@code jwksUrl}. */
    public record Provider(String issuer, String audience, String jwksUrl, String jwks) {
    }

    /** The token is not a valid ID token of the provider; the message says why (for logs, never for clients). */
    public static final class InvalidIdToken extends Exception {
        InvalidIdToken(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final Map<String, ConfigurableJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

    IdTokenVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * The claims of a valid ID token. {@code key} names the provider in the cache of processors (and of fetched
     * keys), e.g. {@code social:google}.
     */
    public JWTClaimsSet verify(String key, Provider provider, String idToken) throws InvalidIdToken {
        try {
            return processors.computeIfAbsent(key, k -> processor(provider)).process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidIdToken(e.getMessage());
        }
    }

    /** The issuer a token claims, read without verifying it (to pick the provider that must then verify it). */
    public static String claimedIssuer(String idToken) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(idToken).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private ConfigurableJWTProcessor<SecurityContext> processor(Provider provider) {
        JWKSource<SecurityContext> keys;
        try {
            if (provider.jwks() != null && !provider.jwks().isBlank()) {
                keys = new ImmutableJWKSet<>(JWKSet.parse(provider.jwks()));
            } else if (provider.jwksUrl() != null && !provider.jwksUrl().isBlank()) {
                keys = JWKSourceBuilder.create(new URI(provider.jwksUrl()).toURL()).build();
            } else {
                throw new IllegalStateException("An OpenID Connect provider needs jwks or jwks-url");
            }
        } catch (ParseException | URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("Invalid JWKS configuration of an OpenID Connect provider", e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(provider.issuer()).build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(provider.audience(), exact,
                Set.of("sub", "exp", "iat")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor;
    }
}
