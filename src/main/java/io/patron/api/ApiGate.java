package io.patron.api;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.patron.config.PatronProperties;

/**
 * The checks every API call passes before its controller runs, in this order: the interface
 * rule (403), authentication (401), the rate limit (429), text the database cannot take in query
 * parameters and path ids (400), then the response cache.
 */
@Component
public class ApiGate implements HandlerInterceptor {

    private final CredentialVerifier verifier;
    private final RateLimiter rateLimiter;
    private final ResponseCache responseCache;
    private final Languages languages;
    private final PatronProperties properties;

    public ApiGate(CredentialVerifier verifier, RateLimiter rateLimiter, ResponseCache responseCache,
                   Languages languages, PatronProperties properties) {
        this.verifier = verifier;
        this.rateLimiter = rateLimiter;
        this.responseCache = responseCache;
        this.languages = languages;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<ApiInterface> apiInterface = ApiInterface.fromUri(request.getRequestURI());
        if (apiInterface.isEmpty()) {
            throw ApiError.unknownPath(request.getRequestURI());
        }
        ApiInterface used = apiInterface.get();
        request.setAttribute(ApiRequest.INTERFACE, used);
        request.setAttribute(ApiRequest.LANGUAGE, languages.choose(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));

        OnlyIn onlyIn = annotation(method, OnlyIn.class);
        if (onlyIn != null && onlyIn.value() != used) {
            throw ApiError.interfaceNotAllowed(used, ApiRequest.resourceName(request.getRequestURI()));
        }

        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Caller caller = authorization == null || authorization.isBlank() ? null
                : verifier.verify(used, authorization).orElse(null);
        if (caller == null) {
            if (annotation(method, Anonymous.class) == null) {
                // Refused credentials still spend the client's budget, so guessing tokens is limited too.
                consume(new Caller.Anonymous(request.getRemoteAddr()));
                throw ApiError.unauthorized(authorization == null || authorization.isBlank()
                        ? "Authorization header is missing"
                        : "The credentials are not valid, expired or logged out");
            }
            caller = new Caller.Anonymous(request.getRemoteAddr());
        }
        request.setAttribute(ApiRequest.CALLER, caller);

        consume(caller);

        @SuppressWarnings("unchecked")
        java.util.Map<String, String> pathVariables = (java.util.Map<String, String>) request.getAttribute(
                org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        QueryParams.refuseUnacceptableText(request, pathVariables == null ? java.util.Map.of() : pathVariables);

        if ("GET".equals(request.getMethod())) {
            Duration maxAge = properties.caching().get(ApiRequest.resourceName(request.getRequestURI()));
            if (maxAge != null && !maxAge.isZero()) {
                return responseCache.serveOrPrepare(request, response, caller, maxAge);
            }
        }
        return true;
    }

    private void consume(Caller caller) {
        if (properties.rateLimit().enabled()) {
            long waitSeconds = rateLimiter.tryConsume(caller.limitKey());
            if (waitSeconds > 0) {
                throw ApiError.tooManyRequests(waitSeconds);
            }
        }
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(HandlerMethod method, Class<A> type) {
        A onMethod = method.getMethodAnnotation(type);
        return onMethod != null ? onMethod : method.getBeanType().getAnnotation(type);
    }
}
