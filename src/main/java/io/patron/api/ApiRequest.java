package io.patron.api;

import jakarta.servlet.http.HttpServletRequest;

/** Request attributes set by the API gate, read by argument resolvers and filters. */
public final class ApiRequest {

    static final String INTERFACE = ApiRequest.class.getName() + ".interface";
    static final String CALLER = ApiRequest.class.getName() + ".caller";
    static final String LANGUAGE = ApiRequest.class.getName() + ".language";
    static final String CACHE_MAX_AGE = ApiRequest.class.getName() + ".cacheMaxAge";
    static final String CACHE_KEY = ApiRequest.class.getName() + ".cacheKey";

    private ApiRequest() {
    }

    public static ApiInterface apiInterface(HttpServletRequest request) {
        Object value = request.getAttribute(INTERFACE);
        return value instanceof ApiInterface i ? i
                : ApiInterface.fromUri(request.getRequestURI()).orElse(ApiInterface.ENTERPRISE);
    }

    public static Caller caller(HttpServletRequest request) {
        Object value = request.getAttribute(CALLER);
        return value instanceof Caller c ? c : new Caller.Anonymous(request.getRemoteAddr());
    }

    /** The resource name of an API URI: the first segment after the version. */
    public static String resourceName(String uri) {
        int version = uri.indexOf("/v1.0/");
        if (version < 0) {
            return "";
        }
        String rest = uri.substring(version + "/v1.0/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
