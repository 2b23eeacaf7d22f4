package io.patron.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into the contract's error body. Framework exceptions are mapped once
 * here; services throw {@link ApiError}. Unexpected exceptions become a 500 that names the
 * request id, which is also in the log, and never show a stack trace to the client.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    public static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, java.nio.charset.StandardCharsets.UTF_8);

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, Object>> api(ApiError error) {
        return render(error);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamConstraintsException) {
            return render(ApiError.badRequest("body", Reason.INVALID_VALUE_FORMAT,
                    "The body is larger or deeper than a request may be"));
        }
        if (cause instanceof StreamReadException) {
            return render(ApiError.badRequest("body", Reason.INVALID_VALUE_FORMAT, "The body is not valid JSON"));
        }
        if (cause instanceof JacksonException jackson) {
            String name = pathOf(jackson);
            Reason reason = Reason.INVALID_VALUE_FORMAT;
            String message = "The value has a wrong type or format";
            if (cause instanceof RequestJson.InvalidValue invalid) {
                reason = invalid.reason();
                message = invalid.getOriginalMessage();
            } else if (cause instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                reason = Reason.NOT_ALLOWED_VALUE;
                message = "The value is not one of the allowed values";
            } else if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                message = "Expected " + describe(mismatch.getTargetType());
            }
            return render(ApiError.badRequest(name.isEmpty() ? "body" : name, reason, message));
        }
        return render(ApiError.badRequest("body", Reason.REQUIRED, "A JSON request body is required"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e) {
        List<InvalidParam> params = new ArrayList<>();
        for (FieldError field : e.getBindingResult().getFieldErrors()) {
            params.add(toParam(field.getField(), field.getCode(), field.getRejectedValue(), field.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(g ->
                params.add(InvalidParam.of(g.getObjectName(), Reason.INVALID_VALUE_FORMAT, g.getDefaultMessage())));
        return render(ApiError.badRequest(params));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> violations(ConstraintViolationException e) {
        List<InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> toParam(v.getPropertyPath().toString(),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                        v.getInvalidValue(), v.getMessage()))
                .toList();
        return render(ApiError.badRequest(params));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> methodValidation(HandlerMethodValidationException e) {
        List<InvalidParam> params = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> {
            String name = r.getMethodParameter().getParameterName();
            String code = err.getCodes() == null || err.getCodes().length == 0 ? "" : err.getCodes()[err.getCodes().length - 1];
            params.add(toParam(name == null ? "parameter" : name, code, r.getArgument(), err.getDefaultMessage()));
        }));
        return render(ApiError.badRequest(params));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return render(ApiError.badRequest(List.of(InvalidParam.of(e.getName(), Reason.INVALID_VALUE_FORMAT,
                e.getValue(), "The value has a wrong type or format"))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return render(ApiError.badRequest(e.getParameterName(), Reason.REQUIRED, "The parameter is required"));
    }

    /** Tomcat refuses to parse parameters past {@link ContainerErrors#MAX_PARAMETERS} or in a broken encoding. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Map<String, Object>> parameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        return render(ApiError.badRequest("query", Reason.INVALID_VALUE_FORMAT,
                "The query string cannot be read: more than " + ContainerErrors.MAX_PARAMETERS
                        + " parameters, or a malformed escape"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return render(ApiError.badRequest(List.of(InvalidParam.of("Content-Type", Reason.NOT_ALLOWED_VALUE,
                e.getContentType(), "Request bodies must be application/json"))));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return render(ApiError.badRequest("Accept", Reason.NOT_ALLOWED_VALUE, "Responses are application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<Map<String, Object>> answer = render(ApiError.methodNotAllowed(e.getMethod()));
        if (e.getSupportedHttpMethods() != null) {
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(answer.getHeaders());
            headers.setAllow(e.getSupportedHttpMethods());
            return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
        }
        return answer;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> noHandler(Exception e, HttpServletRequest request) {
        return render(ApiError.unknownPath(request.getRequestURI()));
    }

    /**
     * A unique constraint caught a duplicate that the service's own check could not see (two
     * requests racing): still a 400, and nothing was stored.
     */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> duplicate(org.springframework.dao.DuplicateKeyException e) {
        // The database's message repeats the duplicate value (an email...): only its SQL state is logged.
        log.info("Unique constraint refused a concurrent duplicate (SQL state {})", sqlState(e));
        return render(ApiError.badRequest("body", Reason.ALREADY_EXISTS, "The record already exists"));
    }

    /**
     * The database could not serve the request now: no pooled connection within the pool's timeout (more requests
     * wait than the pool serves), a lost deadlock or lock wait. The transaction rolled back, so the same request can
     * be sent again: 503 with Retry-After, logged as a warning (it is load, not a fault of the request or of Patron).
     */
    @ExceptionHandler({org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessException.class})
    ResponseEntity<Map<String, Object>> busy(Exception e, HttpServletRequest request) {
        log.warn("{} {} could not be served by the database in time ({}); answered 503", request.getMethod(),
                request.getRequestURI(), e.getClass().getSimpleName());
        return render(ApiError.busy(1));
    }

    /**
     * The last line of defence behind {@link TextLimits}: a value the database itself refused as too long (22001)
     * or as not storable (22021, a NUL on PostgreSQL) is still the client's bad input, and the transaction
     * rolled back. Reaching here means a limit is missing for some field, so it is logged as a warning.
     */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<Map<String, Object>> database(org.springframework.dao.DataAccessException e,
                                                 HttpServletRequest request) {
        String state = sqlState(e);
        if ("22001".equals(state) || "22021".equals(state)) {
            log.warn("The database refused a value of {} {} (SQL state {}); a text limit is missing",
                    request.getMethod(), request.getRequestURI(), state);
            return render(ApiError.badRequest("body", Reason.INVALID_VALUE_FORMAT,
                    "A value is too long or holds a character that cannot be stored"));
        }
        return unexpected(withoutMessages(e, state), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        String requestId = RequestIdFilter.current(request);
        log.error("Unexpected failure of {} {} (request id {})", request.getMethod(), request.getRequestURI(),
                requestId, e);
        return render(ApiError.internal(requestId));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * A database failure for the log: the stack trace and SQL state, without the driver's message, which
     * repeats values of the request (H2 quotes the start of a value, PostgreSQL the key of a duplicate).
     */
    private static Exception withoutMessages(Exception e, String state) {
        RuntimeException copy = new RuntimeException(e.getClass().getName() + " (SQL state " + state + ")");
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** The contract's error body; also used by filters and the error controller. */
    public static ResponseEntity<Map<String, Object>> render(ApiError error) {
        HttpHeaders headers = new HttpHeaders();
        error.headers().forEach(headers::set);
        if (error.status() == HttpStatus.TOO_MANY_REQUESTS || error.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            // The contract gives these two answers no body; Retry-After carries what the client needs.
            return new ResponseEntity<>(headers, error.status());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", error.type());
        if (error.status() != HttpStatus.FORBIDDEN) {
            // The contract's 403 body is the only error schema without an exception field.
            body.put("exception", error.type());
        }
        body.put("title", error.title());
        body.put("detail", error.detail());
        body.put("error_data", error.errorData());
        headers.setContentType(JSON_UTF8);
        return new ResponseEntity<>(Map.of("error", body), headers, error.status());
    }

    private static InvalidParam toParam(String javaPath, String code, Object rejected, String message) {
        Reason reason = switch (code == null ? "" : code) {
            case "NotNull" -> Reason.REQUIRED;
            case "NotBlank", "NotEmpty" -> rejected == null ? Reason.REQUIRED : Reason.EMPTY;
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax", "AssertTrue",
                 "AssertFalse", "Negative", "NegativeOrZero", "Future", "Past", "FutureOrPresent",
                 "PastOrPresent", "OneOf" -> Reason.NOT_ALLOWED_VALUE;
            default -> Reason.INVALID_VALUE_FORMAT;
        };
        Object shown = rejected instanceof CharSequence || rejected instanceof Number || rejected instanceof Boolean
                ? rejected : null;
        return InvalidParam.of(snakePath(javaPath), reason, shown, message);
    }

    /** {@code device.deviceId} or {@code items[0].unitPrice} → {@code device.device_id}, {@code items[0].unit_price}. */
    static String snakePath(String javaPath) {
        StringBuilder out = new StringBuilder();
        for (char c : javaPath.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String pathOf(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

}
