package io.patron.api;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside a controller (in the container or a filter) still answer with the
 * contract's JSON error body instead of a framework error page.
 */
@RestController
public class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        if (status == null || status.is5xxServerError()) {
            return ApiExceptionHandler.render(ApiError.internal(RequestIdFilter.current(request)));
        }
        return ApiExceptionHandler.render(switch (status) {
            case NOT_FOUND -> ApiError.unknownPath(path);
            case METHOD_NOT_ALLOWED -> ApiError.methodNotAllowed(request.getMethod());
            case UNAUTHORIZED -> ApiError.unauthorized("Authentication is required");
            case FORBIDDEN -> ApiError.forbidden("Access denied");
            case TOO_MANY_REQUESTS -> ApiError.tooManyRequests(1);
            default -> ApiError.badRequest("request", Reason.INVALID_VALUE_FORMAT, "The request could not be read");
        });
    }
}
