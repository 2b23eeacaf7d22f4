package io.patron.api;

import java.util.Optional;

/** The two faces of the CareCloud API; the URL's interface segment picks one. */
public enum ApiInterface {
    ENTERPRISE("enterprise-interface", "Enterprise"),
    CUSTOMER("customer-interface", "Customer");

    /** The prefix of every API mapping; {@link ApiGate} answers 404 for an interface that is not one of these. */
    public static final String BASE_PATH = "/webservice/rest-api/{api_interface}/v1.0";
    public static final String PATH_PREFIX = "/webservice/rest-api/";

    private final String segment;
    private final String label;

    ApiInterface(String segment, String label) {
        this.segment = segment;
        this.label = label;
    }

    public String segment() {
        return segment;
    }

    public String label() {
        return label;
    }

    public static Optional<ApiInterface> fromSegment(String segment) {
        for (ApiInterface i : values()) {
            if (i.segment.equals(segment)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The interface named in a request URI, if it is an API URI at all. */
    public static Optional<ApiInterface> fromUri(String uri) {
        if (uri == null || !uri.startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        String rest = uri.substring(PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        return fromSegment(slash < 0 ? rest : rest.substring(0, slash));
    }
}
