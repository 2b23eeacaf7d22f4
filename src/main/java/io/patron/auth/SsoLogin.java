package io.patron.auth;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * {@code POST /users/actions/sso-login}: an Enterprise user logs in with an ID token of a configured OpenID Connect
 * provider (the one whose issuer the token names). The token's {@code email} claim (else
 * {@code preferred_username}) names the user: first as a login, then as the email of exactly one user. An invalid
 * token and a token of nobody known (or of a deactivated user) get the same answer, so that the answer does not tell
 * whether a user exists.
 */
@Service
public class SsoLogin {

    private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);

    private final SsoProperties properties;
    private final IdTokenVerifier verifier;
    private final AuthRepository repository;
    private final AuthService auth;

    SsoLogin(SsoProperties properties, IdTokenVerifier verifier, AuthRepository repository, AuthService auth) {
        this.properties = properties;
        this.verifier = verifier;
        this.repository = repository;
        this.auth = auth;
    }

    @Transactional
    public AuthService.LoginResult login(String applicationId, String ssoToken) {
        auth.requireApplication(applicationId, "enterprise", "user_external_application_id");
        Optional<AuthRepository.StoredUser> user = Optional.empty();
        String issuer = IdTokenVerifier.claimedIssuer(ssoToken);
        for (Map.Entry<String, IdTokenVerifier.Provider> provider : properties.providers().entrySet()) {
            if (issuer == null || !issuer.equals(provider.getValue().issuer())) {
                continue;
            }
            try {
                JWTClaimsSet claims = verifier.verify("sso:" + provider.getKey(), provider.getValue(), ssoToken);
                String name = claims.getStringClaim("email");
                if (name == null) {
                    name = claims.getStringClaim("preferred_username");
                }
                if (name != null && !name.isBlank()) {
                    user = repository.userByLogin(LoginKeys.of(name));
                    if (user.isEmpty()) {
                        user = repository.userByEmail(name);
                    }
                }
                break;
            } catch (IdTokenVerifier.InvalidIdToken | ParseException e) {
                log.info("Refused a single sign-on token of {}: {}", provider.getKey(), e.getMessage());
            }
        }
        if (user.isEmpty() || !user.get().active()) {
            log.info("Refused a single sign-on login");
            throw ApiError.badRequest(List.of(InvalidParam.of("sso_token", Reason.NOT_ALLOWED_VALUE,
                    "Not a valid single sign-on token of a known user")));
        }
        return auth.issueToken(user.get().id(), applicationId);
    }
}
