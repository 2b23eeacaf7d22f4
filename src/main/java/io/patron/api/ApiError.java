package io.patron.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error answer of the API. Each kind knows its status, type and title; the handler turns
 * it into {@code {"error": {type, exception, title, detail, error_data}}}.
 */
public class ApiError extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> errorData;
    private final Map<String, String> headers;

    public ApiError(HttpStatus status, String type, String title, String detail, Map<String, Object> errorData) {
        this(status, type, title, detail, errorData, Map.of());
    }

    public ApiError(HttpStatus status, String type, String title, String detail, Map<String, Object> errorData,
                    Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errorData = errorData;
        this.headers = headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> errorData() {
        return errorData;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** 400 naming every refused parameter. */
    public static ApiError badRequest(List<InvalidParam> params) {
        String detail = params.isEmpty() ? "The request is not valid."
                : "Invalid parameters: " + String.join(", ", params.stream()
                        .map(p -> p.name() + " (" + p.reason() + ")").toList());
        return new ApiError(HttpStatus.BAD_REQUEST, "invalid_params_exception", "Bad input parameter", detail,
                Map.of("invalid_params", List.copyOf(params)));
    }

    public static ApiError badRequest(String name, Reason reason, String message) {
        return badRequest(List.of(InvalidParam.of(name, reason, message)));
    }

    public static ApiError notFound(String resourceName, String resourceId) {
        return new ApiError(HttpStatus.NOT_FOUND, "resource_not_found_exception", "Resource not found",
                "Resource \"" + resourceName + "\" with ID \"" + resourceId + "\" was not found",
                Map.of("resource_name", resourceName, "resource_id", resourceId));
    }

    /** 404 for a path that names no resource at all; deliberately without resource_id. */
    public static ApiError unknownPath(String path) {
        return new ApiError(HttpStatus.NOT_FOUND, "resource_not_found_exception", "Resource not found",
                "No resource at " + path, Map.of("resource_name", path));
    }

    public static ApiError methodNotAllowed(String method) {
        return new ApiError(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed_exception", "Method not allowed",
                "The resource does not support the HTTP method " + method, Map.of("http_method", method));
    }

    public static ApiError unauthorized(String detail) {
        return new ApiError(HttpStatus.UNAUTHORIZED, "unauthorized_exception", "Unauthorized", detail, Map.of());
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(HttpStatus.FORBIDDEN, "forbidden_exception", "Forbidden", detail, Map.of());
    }

    public static ApiError interfaceNotAllowed(ApiInterface used, String resourceName) {
        return new ApiError(HttpStatus.FORBIDDEN, "interface_not_allowed_exception",
                used.label() + " API is not allowed for this resource",
                "Resource name \"" + resourceName + "\" is not allowed in " + used.label() + " API",
                Map.of("invalid_resource_name", resourceName, "interface", used.label()));
    }

    public static ApiError tooManyRequests(long retryAfterSeconds) {
        return new ApiError(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests_exception", "Too many requests",
                "Request limit exceeded; retry after " + retryAfterSeconds + " s", Map.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiError internal(String requestId) {
        return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_server_error_exception",
                "Internal server error",
                "The server could not complete the request; quote request id " + requestId + " when reporting it",
                Map.of("request_id", requestId));
    }

    /** The database could not serve the request in time; nothing was committed and the request may be sent again. */
    public static ApiError busy(long retryAfterSeconds) {
        return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable_exception", "Service unavailable",
                "The server is busy; nothing was changed, retry after " + retryAfterSeconds + " s", Map.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiError unavailable(String detail) {
        return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable_exception",
                "Service unavailable", detail, Map.of());
    }
}
