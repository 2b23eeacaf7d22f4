package io.patron.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mappings with an index of their path patterns by segment. Every API path begins with the
 * variable {@code {api_interface}}, so none is a "direct path" that Spring finds by lookup: for every request it tried
 * each of the ~330 mappings in turn, a fifth of the server's CPU for {@code GET /customers/{id}} (docs/performance.md,
 * sixth sitting). The index gives the few mappings whose patterns could match the path; when exactly one of them
 * matches, it is the answer. Everything else (no match, several, CORS pre-flight, encoded or matrix paths) goes the
 * standard way, so that 404, 405, 415 and ambiguity answers stay Spring's.
 */
class IndexedHandlerMapping extends RequestMappingHandlerMapping {

    /** A node of the segment trie: literal children, the child of a variable segment, the mappings ending here. */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        final List<RequestMappingInfo> mappings = new ArrayList<>();
    }

    private record Index(Node root, Map<RequestMappingInfo, HandlerMethod> handlers) {
    }

    private volatile Index index;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0 && !CorsUtils.isPreFlightRequest(request)) {
            Index current = index();
            List<RequestMappingInfo> candidates = new ArrayList<>(4);
            if (current != null) {
                collect(current.root(), lookupPath, 1, candidates);
                RequestMappingInfo matched = null;
                RequestMappingInfo matchedMapping = null;
                int matches = 0;
                for (RequestMappingInfo candidate : candidates) {
                    RequestMappingInfo match = getMatchingMapping(candidate, request);
                    if (match != null) {
                        matches++;
                        matched = match;
                        matchedMapping = candidate;
                    }
                }
                if (matches == 1) {
                    HandlerMethod handler = current.handlers().get(matchedMapping);
                    request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
                    handleMatch(matched, lookupPath, request);
                    return handler;
                }
            }
        }
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** Adds the mappings whose patterns could match the path from {@code from} (just after a '/') on. */
    private static void collect(Node node, String path, int from, List<RequestMappingInfo> into) {
        if (from > path.length()) {
            into.addAll(node.mappings);
            return;
        }
        int end = path.indexOf('/', from);
        if (end < 0) {
            end = path.length();
        }
        Node literal = node.literals.get(path.substring(from, end));
        if (literal != null) {
            collect(literal, path, end + 1, into);
        }
        if (node.variable != null) {
            collect(node.variable, path, end + 1, into);
        }
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            current = build();
            index = current;
        }
        return current;
    }

    /**
     * The trie of every mapping's patterns, a segment with a variable or wildcard as a variable; null (no index) when
     * a pattern can span several segments, which the trie cannot place.
     */
    private Index build() {
        Map<RequestMappingInfo, HandlerMethod> handlers = getHandlerMethods();
        Node root = new Node();
        for (RequestMappingInfo info : handlers.keySet()) {
            if (info.getPathPatternsCondition() == null || info.getPathPatternsCondition().getPatterns().isEmpty()) {
                return null;
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String text = pattern.getPatternString();
                if (!text.startsWith("/") || text.contains("**") || text.contains("{*")) {
                    return null; // a pattern that may match several segments, or none
                }
                Node node = root;
                for (String segment : text.substring(1).split("/", -1)) {
                    if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                        node = node.variable != null ? node.variable : (node.variable = new Node());
                    } else {
                        node = node.literals.computeIfAbsent(segment, s -> new Node());
                    }
                }
                node.mappings.add(info);
            }
        }
        return new Index(root, Map.copyOf(handlers));
    }

    /** Spring's own lookup, for the test that compares the two on every route. */
    HandlerMethod lookupWithoutIndex(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** Whether the mappings could be indexed (else every lookup is Spring's own). */
    boolean indexed() {
        return index() != null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }
}
