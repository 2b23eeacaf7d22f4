package io.patron.customer;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.auth.IdTokenVerifier;

/**
 * Verifies OpenID Connect ID tokens of the configured social networks with the shared {@link IdTokenVerifier}:
 * signature against the network's JWKS, issuer, audience and expiry (with the injected clock).
 */
@Component
class SocialNetworkVerifier {

    private static final Logger log = LoggerFactory.getLogger(SocialNetworkVerifier.class);

    /** The verified account: subject, and the email when the provider says it is verified. */
    record Identity(String subject, String verifiedEmail) {
    }

    private final CustomerLoginProperties properties;
    private final IdTokenVerifier verifier;

    SocialNetworkVerifier(CustomerLoginProperties properties, IdTokenVerifier verifier) {
        this.properties = properties;
        this.verifier = verifier;
    }

    /** The identity of a valid ID token; 400 naming {@code prefix}social_network_id or _token otherwise. */
    Identity verify(String networkId, String idToken, String prefix) {
        List<InvalidParam> errors = new java.util.ArrayList<>();
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
            JWTClaimsSet claims = verifier.verify("social:" + networkId, new IdTokenVerifier.Provider(
                    network.issuer(), network.audience(), network.jwksUrl(), network.jwks()), idToken);
            Object emailVerified = claims.getClaim("email_verified");
            boolean verified = Boolean.TRUE.equals(emailVerified) || "true".equals(emailVerified);
            return new Identity(claims.getSubject(), verified ? claims.getStringClaim("email") : null);
        } catch (ParseException | IdTokenVerifier.InvalidIdToken e) {
            log.info("Refused a {} ID token: {}", networkId, e.getMessage());
            errors.add(InvalidParam.of(prefix + "social_network_token", Reason.NOT_ALLOWED_VALUE,
                    "Not a valid ID token of this social network"));
            return null;
        }
    }
}
