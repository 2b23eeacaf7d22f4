package io.patron.auth;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on of Enterprise users ({@code patron.sso.*}): the OpenID Connect providers whose ID tokens
 * {@code POST /users/actions/sso-login} accepts, by a name of the operator's choice.
 */
@ConfigurationProperties("patron.sso")
public record SsoProperties(@DefaultValue({}) Map<String, IdTokenVerifier.Provider> providers) {
}
