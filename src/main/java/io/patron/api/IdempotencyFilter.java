package io.patron.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on API writes (POST, PUT, DELETE). As a filter it reads the body
 * (to compare repeats by a hash of method, path, query and body), captures the answer and
 * stores it once the request that holds the key is done; as an interceptor that runs after
 * {@link ApiGate} (so a repeat is authenticated and rate-limited like any call) it claims the
 * key, or answers with the stored answer marked {@code Idempotent-Replayed: true}.
 *
 * <p>Stored: 2xx and 4xx answers (the answer to that request is final). Not stored: 5xx and
 * failures (the claim is dropped, so a retry runs again), and the gate's own refusals (401,
 * 403, 429), which come before the claim.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE");
    private static final String PENDING = IdempotencyFilter.class.getName() + ".pending";
    private static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";

    /** A request with a key, before the gate: its key and the hash of what it asks. */
    private record Pending(String key, String requestHash) {
    }

    /** The request holds the key for its caller's scope and runs. */
    private record Claimed(String scope, String key) {
    }

    private final IdempotencyKeys keys;

    public IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || request.getHeader(IdempotencyKeys.HEADER) == null
                || ApiInterface.fromUri(request.getRequestURI()).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        request.setAttribute(PENDING, new Pending(request.getHeader(IdempotencyKeys.HEADER), hash(request, body)));
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(new BufferedBody(request, body), captured);
            answered = true;
        } finally {
            if (request.getAttribute(CLAIMED) instanceof Claimed claimed) {
                finish(claimed, captured, answered);
            }
            captured.copyBodyToResponse();
        }
    }

    /** Stores the answer before the client sees it, so a repeat sent right after it finds the key done. */
    private void finish(Claimed claimed, ContentCachingResponseWrapper captured, boolean answered) {
        try {
            if (answered && captured.getStatus() < 500) {
                keys.complete(claimed.scope(), claimed.key(), new IdempotencyKeys.Answer(captured.getStatus(),
                        captured.getContentType(), captured.getHeader(HttpHeaders.LOCATION),
                        captured.getContentAsByteArray()));
            } else {
                // A server failure changed nothing that a retry should not redo: let the next repeat run.
                keys.release(claimed.scope(), claimed.key());
            }
        } catch (RuntimeException e) {
            log.warn("Could not store the answer of an idempotency key; a repeat waits until the claim is abandoned",
                    e);
        }
    }

    /** After the gate: a bad key is a 400; a repeat is answered here; the first request runs. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod) || !(request.getAttribute(PENDING) instanceof Pending pending)) {
            return true;
        }
        IdempotencyKeys.check(pending.key());
        String scope = scope(ApiRequest.caller(request));
        IdempotencyKeys.Claim claim = keys.claim(scope, pending.key(), pending.requestHash());
        if (claim instanceof IdempotencyKeys.Replay(IdempotencyKeys.Answer answer)) {
            response.setStatus(answer.status());
            if (answer.contentType() != null) {
                response.setContentType(answer.contentType());
            }
            if (answer.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, answer.location());
            }
            response.setHeader(IdempotencyKeys.REPLAYED_HEADER, "true");
            response.getOutputStream().write(answer.body());
            return false;
        }
        request.setAttribute(CLAIMED, new Claimed(scope, pending.key()));
        return true;
    }

    /**
     * Whose keys these are: an Enterprise application's (its users see the same data), a Customer
     * API token's with its logged-in customer (a customer never gets another one's answer), or an
     * anonymous client address's (POST /tokens, logins).
     */
    static String scope(Caller caller) {
        return switch (caller) {
            case Caller.User u -> "app:" + u.applicationId();
            case Caller.CustomerToken t -> "app:" + t.applicationId() + ":token:" + t.tokenHash() + ":customer:"
                    + (t.customerId() == null ? "" : t.customerId());
            case Caller.Anonymous a -> "ip:" + a.clientAddress();
        };
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString();
            digest.update((request.getMethod() + ' ' + request.getRequestURI() + (query == null ? "" : "?" + query)
                    + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the interceptor after the gate (order 0), so authentication and rate limits come first. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        private final IdempotencyFilter filter;

        Registration(IdempotencyFilter filter) {
            this.filter = filter;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(filter).addPathPatterns(ApiInterface.PATH_PREFIX + "**").order(1);
        }
    }

    /** The request with its body read once, for the hash, and served again to the controller. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
