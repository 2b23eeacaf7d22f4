package io.patron.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;


import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.patron.config.PatronProperties;

/**
 * Per-endpoint response caching, enabled per resource in {@code patron.caching}. A GET answer
 * of such a resource carries {@code Cache-Control: max-age=N}, and identical GETs of the same
 * caller within N seconds are answered from this node's memory; entries never outlive N.
 * The key includes the caller's identity, so no data crosses from one token to another.
 */
@Component
public class ResponseCache extends OncePerRequestFilter {

    private record Entry(int status, String contentType, byte[] body, Instant expires) {
    }

    private final Map<String, Duration> caching;
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .weigher((String key, Entry e) -> e.body.length + key.length())
            .expireAfter(new Expiry<String, Entry>() {
                @Override
                public long expireAfterCreate(String key, Entry e, long now) {
                    return Math.max(0, Duration.between(Instant.now(), e.expires).toNanos());
                }

                @Override
                public long expireAfterUpdate(String key, Entry e, long now, long current) {
                    return expireAfterCreate(key, e, now);
                }

                @Override
                public long expireAfterRead(String key, Entry e, long now, long current) {
                    return current;
                }
            })
            .build();

    public ResponseCache(PatronProperties properties) {
        this.caching = properties.caching();
    }

    /** Answers from the cache (returns false) or marks the request for storing its answer. */
    boolean serveOrPrepare(HttpServletRequest request, HttpServletResponse response, Caller caller, Duration maxAge)
            throws IOException {
        String key = key(request, caller);
        Entry hit = entries.getIfPresent(key);
        Instant now = Instant.now();
        if (hit != null && hit.expires.isAfter(now)) {
            long remaining = Math.max(0, Duration.between(now, hit.expires).toSeconds());
            response.setStatus(hit.status);
            response.setContentType(hit.contentType);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=" + remaining);
            response.setContentLength(hit.body.length);
            response.getOutputStream().write(hit.body);
            return false;
        }
        request.setAttribute(ApiRequest.CACHE_KEY, key);
        request.setAttribute(ApiRequest.CACHE_MAX_AGE, maxAge);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=" + maxAge.toSeconds());
        return true;
    }

    private static String key(HttpServletRequest request, Caller caller) {
        String identity = switch (caller) {
            case Caller.User u -> "u:" + u.userId() + ":" + u.credentialHash();
            case Caller.CustomerToken t -> "t:" + t.tokenHash() + ":" + t.customerId();
            case Caller.Anonymous a -> "anonymous";
        };
        Object language = request.getAttribute(ApiRequest.LANGUAGE);
        return identity + '|' + request.getRequestURI() + '?' + request.getQueryString() + '|'
                + (language instanceof Language l ? l.id() : "");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return caching.isEmpty() || !"GET".equals(request.getMethod())
                || !caching.containsKey(ApiRequest.resourceName(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
            Object key = request.getAttribute(ApiRequest.CACHE_KEY);
            Object maxAge = request.getAttribute(ApiRequest.CACHE_MAX_AGE);
            if (key instanceof String k && maxAge instanceof Duration age && wrapper.getStatus() == 200) {
                entries.put(k, new Entry(200, wrapper.getContentType(), wrapper.getContentAsByteArray(),
                        Instant.now().plus(age)));
            } else if (key != null && wrapper.getStatus() != 200) {
                wrapper.setHeader(HttpHeaders.CACHE_CONTROL, null);
            }
        } finally {
            wrapper.copyBodyToResponse();
        }
    }

    /** Drops every cached answer (used when reference data changes and by tests). */
    public void clear() {
        entries.invalidateAll();
        entries.cleanUp();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

}
