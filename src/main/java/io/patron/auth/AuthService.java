package io.patron.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.CredentialVerifier;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.common.PasswordHasher;
import io.patron.config.PatronProperties;
import io.patron.jobs.CoordinatedJob;

/**
 * Enterprise logins and the check of every request's credentials. Verified credentials are
 * remembered by this node for at most {@code patron.auth-cache-ttl} (and never past a token's
 * validity), so a request does not cost a database round trip or an Argon2 hash; a logout is
 * seen at once on the node that served it and within that time on the others.
 */
@Service
public class AuthService implements CredentialVerifier {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    /** A verified credential and the instant this node stops trusting it. */
    private record Verified(Caller caller, Instant until) {
    }

    public record LoginResult(String bearerToken, LocalDateTime validTo, String userId) {
    }

    private final AuthRepository repository;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final PatronProperties properties;
    private final Cache<String, Verified> verified;
    private final LoginThrottle throttle;

    AuthService(AuthRepository repository, PasswordHasher hasher, Clock clock, PatronProperties properties,
                LoginThrottle throttle) {
        this.repository = repository;
        this.throttle = throttle;
        this.hasher = hasher;
        this.clock = clock;
        this.properties = properties;
        this.verified = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified v, long now) {
                        return Math.max(0, Duration.between(clock.instant(), v.until).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified v, long now, long current) {
                        return expireAfterCreate(key, v, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified v, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** {@code POST /users/actions/login}: checks the application and password, issues a bearer token. */
    @Transactional(noRollbackFor = ApiError.class)
    public LoginResult login(String applicationId, String login, String password) {
        requireApplication(applicationId, "enterprise", "user_external_application_id");
        String key = LoginKeys.of(login);
        throttle.check(key);
        Optional<AuthRepository.StoredUser> user = repository.userByLogin(key);
        boolean ok = hasher.matches(password, user.map(AuthRepository.StoredUser::passwordHash).orElse(null))
                && user.get().active();
        if (!ok) {
            throttle.failed(key);
            log.info("Failed login attempt for an Enterprise user");
            throw ApiError.badRequest(List.of(
                    InvalidParam.of("login", Reason.NOT_ALLOWED_VALUE, "Unknown login or wrong password"),
                    InvalidParam.of("password", Reason.NOT_ALLOWED_VALUE, "Unknown login or wrong password")));
        }
        throttle.succeeded(key);
        return issueToken(user.get().id(), applicationId);
    }

    /** A new bearer token of the user for the application (password and single sign-on logins). */
    LoginResult issueToken(String userId, String applicationId) {
        String token = Ids.newSecret();
        OffsetDateTime validTo = now().plus(properties.tokenValidity());
        repository.insertUserToken(Ids.sha256(token), userId, applicationId, now(), validTo);
        repository.touchLastLogin(userId, now());
        return new LoginResult(token, validTo.atZoneSameInstant(clock.getZone()).toLocalDateTime(), userId);
    }

    /** {@code POST /users/actions/logout}: revokes the token for the application. */
    @Transactional
    public void logout(String applicationId, String bearerToken) {
        requireApplication(applicationId, "enterprise", "user_external_application_id");
        String hash = Ids.sha256(bearerToken);
        if (repository.revokeUserToken(hash, applicationId, now()) == 0) {
            throw ApiError.badRequest("bearer_token", Reason.NOT_FOUND, "No active token for this application");
        }
        verified.invalidate(ApiInterface.ENTERPRISE.name() + ':' + hash);
    }

    /** {@code POST /users/actions/verify-auth-token}: the user of a live token. */
    @Transactional(readOnly = true)
    public String verifyAuthToken(String token) {
        return repository.liveUserToken(Ids.sha256(token), now()).map(AuthRepository.UserToken::userId)
                .orElseThrow(() -> ApiError.badRequest("auth_token", Reason.NOT_FOUND,
                        "The token is unknown, expired or logged out"));
    }

    /** Whether an active external application (of either interface) has this id. */
    @Transactional(readOnly = true)
    public boolean isActiveApplication(String applicationId) {
        return applicationId != null && repository.application(applicationId)
                .filter(AuthRepository.Application::active).isPresent();
    }

    AuthRepository.Application requireApplication(String applicationId, String apiInterface, String param) {
        return repository.application(applicationId)
                .filter(AuthRepository.Application::active)
                .filter(a -> a.apiInterface().equals(apiInterface))
                .orElseThrow(() -> ApiError.badRequest(param, Reason.NOT_FOUND,
                        "No active " + apiInterface + " external application with this id"));
    }

    @Override
    public Optional<Caller> verify(ApiInterface apiInterface, String authorization) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space);
        String credential = value.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            String hash = Ids.sha256(credential);
            String key = apiInterface.name() + ':' + hash;
            Verified hit = verified.getIfPresent(key);
            if (hit != null && hit.until.isAfter(clock.instant())) {
                return Optional.of(hit.caller);
            }
            Optional<Verified> fresh = apiInterface == ApiInterface.ENTERPRISE ? bearerUser(hash) : customerToken(hash);
            fresh.ifPresent(v -> verified.put(key, v));
            return fresh.map(Verified::caller);
        }
        if (scheme.equalsIgnoreCase("Basic") && apiInterface == ApiInterface.ENTERPRISE) {
            String key = "BASIC:" + Ids.sha256(credential);
            Verified hit = verified.getIfPresent(key);
            if (hit != null && hit.until.isAfter(clock.instant())) {
                return Optional.of(hit.caller);
            }
            Optional<Verified> fresh = basicUser(credential, key);
            fresh.ifPresent(v -> verified.put(key, v));
            return fresh.map(Verified::caller);
        }
        return Optional.empty();
    }

    private Instant trustUntil(Instant validTo) {
        Instant cap = clock.instant().plus(properties.authCacheTtl());
        return validTo != null && validTo.isBefore(cap) ? validTo : cap;
    }

    private Optional<Verified> bearerUser(String hash) {
        return repository.liveUserToken(hash, now()).map(t -> new Verified(
                new Caller.User(t.userId(), t.applicationId(), hash), trustUntil(t.validTo().toInstant())));
    }

    private Optional<Verified> customerToken(String hash) {
        return repository.customerToken(hash).map(t -> new Verified(
                new Caller.CustomerToken(t.tokenHash(), t.applicationId(), t.customerId()), trustUntil(null)));
    }

    /** Deprecated HTTP Basic with an Enterprise user's login and password. */
    private Optional<Verified> basicUser(String credential, String key) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credential), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        if (io.patron.api.TextLimits.problem("login", decoded.substring(0, colon)).isPresent()) {
            return Optional.empty(); // no stored login is that long or holds a NUL
        }
        String loginKey = LoginKeys.of(decoded.substring(0, colon));
        Optional<AuthRepository.StoredUser> user = repository.userByLogin(loginKey);
        if (!hasher.matches(decoded.substring(colon + 1), user.map(AuthRepository.StoredUser::passwordHash).orElse(null))
                || !user.get().active()) {
            return Optional.empty();
        }
        return Optional.of(new Verified(new Caller.User(user.get().id(), "basic:" + loginKey, key), trustUntil(null)));
    }

    /** Forgets what this node trusts about a customer token (after login, logout or replacement). */
    void forgetCustomerToken(String hash) {
        verified.invalidate(ApiInterface.CUSTOMER.name() + ':' + hash);
    }

    /** Forgets every verified credential of this node (tests reset data between cases). */
    public void forgetAll() {
        verified.invalidateAll();
    }

    /** Whether the user has the {@code admin} role (operator features outside the CareCloud API). */
    @Transactional(readOnly = true)
    public boolean isAdmin(String userId) {
        return repository.roleIds(List.of(userId)).getOrDefault(userId, List.of())
                .contains(AuthProjectImport.roleId("admin"));
    }

    @CoordinatedJob(name = "auth.purge-expired-tokens", every = "1h")
    @Transactional
    public void purgeExpiredTokens() {
        int purged = repository.purgeUserTokens(now().minusDays(1));
        if (purged > 0) {
            log.info("Purged {} expired or revoked Enterprise tokens", purged);
        }
    }
}
