package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import io.patron.support.ApiTest;

/** The indexed lookup of request mappings chooses what Spring's own lookup chooses, on every route of the API. */
class IndexedHandlerMappingTest extends ApiTest {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteWithEveryMethodFindsWhatSpringFinds() throws Exception {
        assertThat(mappings).isInstanceOf(IndexedHandlerMapping.class);
        IndexedHandlerMapping indexed = (IndexedHandlerMapping) mappings;
        assertThat(indexed.indexed()).as("the API's routes can be indexed").isTrue();
        List<String> paths = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                // each variable as a value, and as a value that is also a literal segment of some other route
                paths.add(pattern.getPatternString().replaceAll("\\{api_interface}", "enterprise-interface")
                        .replaceAll("\\{[^}]+}", "x1"));
                paths.add(pattern.getPatternString().replaceAll("\\{api_interface}", "customer-interface")
                        .replaceAll("\\{[^}]+}", "actions"));
            }
        }
        paths.addAll(List.of("/", "/webservice/rest-api/enterprise-interface/v1.0/no-such-route",
                "/webservice/rest-api/enterprise-interface/v1.0/customers/", "/webservice/rest-api/other/v1.0/countries",
                "/webservice/rest-api/enterprise-interface/v1.0/cust%6Fmers/x1"));
        int compared = 0;
        for (String path : paths) {
            for (String method : METHODS) {
                assertThat(outcome(indexed, method, path, true)).as(method + " " + path)
                        .isEqualTo(outcome(indexed, method, path, false));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3000);
    }

    /** The handler found, or the class of what was thrown instead (405, 415, ambiguity...). */
    private static String outcome(IndexedHandlerMapping mapping, String method, String path, boolean withIndex) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerMethod found = withIndex ? mapping.lookupHandlerMethod(path, request)
                    : mapping.lookupWithoutIndex(path, request);
            return found == null ? "none" : found.toString() + " " + Objects.toString(
                    request.getAttribute(org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE));
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}
