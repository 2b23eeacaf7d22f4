package io.patron.customer;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * Verifies OpenID Connect ID tokens (RS256 JWTs) of the configured social networks: signature
 * against the network's JWKS, issuer, audience and expiry (with the injected clock).
 */
@Component
class SocialNetworkVerifier {

    private static final Logger log = LoggerFactory.getLogger(SocialNetworkVerifier.class);

    /** The verified account: subject, and the email when the provider says it is verified. */
    record Identity(String subject, String verifiedEmail) {
    }

    private final CustomerLoginProperties properties;
    private final Clock clock;
    private final Map<String, ConfigurableJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

    SocialNetworkVerifier(CustomerLoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The identity of a valid ID token; 400 naming {@code prefix}social_network_id or _token otherwise. */
    Identity verify(String networkId, String idToken, String prefix) {
        List<InvalidParam> errors = new ArrayList<>();
        Identity identity = verify(networkId, idToken, prefix, errors);
        if (identity == null) {
            throw ApiError.badRequest(errors);
        }
        return identity;
    }

    /** The identity of a valid ID token, or null with the reason added to {@code errors}. */
    Identity verify(String networkId, String idToken, String prefix, List<InvalidParam> errors) {
        CustomerLoginProperties.SocialNetwork network = properties.socialNetworks().get(networkId);
        if (network == null) {
            errors.add(InvalidParam.of(prefix + "social_network_id", Reason.NOT_FOUND, networkId,
                    "No social network with this id is configured"));
            return null;
        }
        try {
            JWTClaimsSet claims = processors.computeIfAbsent(networkId, id -> processor(network))
                    .process(idToken, null);
            Object emailVerified = claims.getClaim("email_verified");
            boolean verified = Boolean.TRUE.equals(emailVerified) || "true".equals(emailVerified);
            return new Identity(claims.getSubject(), verified ? claims.getStringClaim("email") : null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.info("Refused a {} ID token: {}", networkId, e.getMessage());
            errors.add(InvalidParam.of(prefix + "social_network_token", Reason.NOT_ALLOWED_VALUE,
                    "Not a valid ID token of this social network"));
            return null;
        }
    }

    private ConfigurableJWTProcessor<SecurityContext> processor(CustomerLoginProperties.SocialNetwork network) {
        JWKSource<SecurityContext> keys;
        try {
            if (network.jwks() != null && !network.jwks().isBlank()) {
                keys = new ImmutableJWKSet<>(JWKSet.parse(network.jwks()));
            } else if (network.jwksUrl() != null && !network.jwksUrl().isBlank()) {
                keys = JWKSourceBuilder.create(new URI(network.jwksUrl()).toURL()).build();
            } else {
                throw new IllegalStateException("A social network needs jwks or jwks-url");
            }
        } catch (ParseException | URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("Invalid JWKS configuration of a social network", e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(network.issuer()).build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(network.audience(), exact,
                Set.of("sub", "exp", "iat")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor;
    }
}
