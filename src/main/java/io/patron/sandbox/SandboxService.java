package io.patron.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.Reason;
import io.patron.auth.AuthService;
import io.patron.config.ProjectClock;

/**
 * The sandbox's rules: who may use it (Enterprise users with the admin role, by bearer token or
 * Basic), moving the project clock (never behind real time, at most 100 years ahead) and resetting the data.
 * Without {@code patron.sandbox} its paths answer the API's 404 for an unknown path: decided here at run time, not by
 * a condition on the bean, because Spring AOT ({@code ./patron}) fixes the beans when the jar is built.
 */
@Service
class SandboxService {

    static final Duration MAX_OFFSET = Duration.ofDays(36_500);

    private final ProjectClock clock;
    private final AuthService authService;
    private final DataReset dataReset;
    private final boolean enabled;

    SandboxService(ProjectClock clock, AuthService authService, DataReset dataReset,
                   @Value("${patron.sandbox:false}") boolean enabled) {
        this.clock = clock;
        this.authService = authService;
        this.dataReset = dataReset;
        this.enabled = enabled;
    }

    /** 404 when the sandbox is off, 401 without valid Enterprise credentials, 403 for a user who is not an admin. */
    void requireAdmin(String path, String authorization) {
        if (!enabled) {
            throw ApiError.unknownPath(path);
        }
        Caller caller = authorization == null || authorization.isBlank() ? null
                : authService.verify(ApiInterface.ENTERPRISE, authorization).orElse(null);
        if (!(caller instanceof Caller.User user)) {
            throw ApiError.unauthorized(authorization == null || authorization.isBlank()
                    ? "Authorization header is missing"
                    : "The credentials are not valid, expired or logged out");
        }
        if (!authService.isAdmin(user.userId())) {
            throw ApiError.forbidden("The sandbox controls are for Enterprise users with the admin role");
        }
    }

    SandboxBodies.ClockState clock() {
        // Shown in whole seconds: an offset set by a target time carries the milliseconds of the moment it was set.
        Duration offset = clock.offset().truncatedTo(ChronoUnit.SECONDS);
        return new SandboxBodies.ClockState(ApiTime.format(clock.instant(), clock.getZone()), offset.toString(),
                offset.toSeconds(), clock.getZone().getId());
    }

    SandboxBodies.ClockState moveClock(SandboxBodies.ClockChange change) {
        boolean hasTime = change != null && change.time() != null;
        boolean hasOffset = change != null && change.offset() != null;
        if (hasTime == hasOffset) {
            throw hasTime
                    ? ApiError.badRequest("offset", Reason.NOT_ALLOWED_VALUE, "Send either time or offset, not both")
                    : ApiError.badRequest("time", Reason.REQUIRED, "Send time (project time) or offset (ISO-8601)");
        }
        Duration offset = hasTime ? offsetTo(change.time()) : parseOffset(change.offset());
        clock.setOffset(offset);
        return clock();
    }

    void reset() {
        dataReset.reset();
    }

    private Duration offsetTo(String time) {
        LocalDateTime target;
        try {
            target = ApiTime.parseDateTime(time);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("time", Reason.INVALID_VALUE_FORMAT,
                    "Expected YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS in the project time zone");
        }
        // Rounded up to the millisecond the offset is stored in, so the clock never shows a moment before the target.
        Duration offset = Duration.between(Instant.now(), target.atZone(clock.getZone()).toInstant())
                .plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        if (offset.isNegative() || offset.compareTo(MAX_OFFSET) > 0) {
            throw ApiError.badRequest("time", Reason.NOT_ALLOWED_VALUE,
                    "The project time can be set from now to 100 years ahead, never behind real time");
        }
        return offset;
    }

    private static Duration parseOffset(String text) {
        Duration offset;
        try {
            offset = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("offset", Reason.INVALID_VALUE_FORMAT,
                    "Expected an ISO-8601 duration such as P30D or PT7H30M");
        }
        if (offset.isNegative() || offset.compareTo(MAX_OFFSET) > 0) {
            throw ApiError.badRequest("offset", Reason.NOT_ALLOWED_VALUE,
                    "The offset is from PT0S to 100 years (P36500D); the project clock never runs behind real time");
        }
        return offset;
    }
}
