package io.patron.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one Patron project. Every field has a default so that a bare start works;
 * environment variables override them the Spring way (PATRON_TOKEN_VALIDITY=3h ...).
 */
@ConfigurationProperties("patron")
public record PatronProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("false") boolean demo,
        /* Project file (YAML) with reference data; imported at every start, idempotently. */
        String projectFile,
        @DefaultValue("Europe/Prague") String timeZone,
        @DefaultValue("CZK") String currency,
        /* Active languages, ISO 639-1; the first is the default language. */
        @DefaultValue({"en", "cs"}) List<String> languages,
        /* Active countries, ISO 3166-1 alpha-2; empty means every country the JDK knows. */
        @DefaultValue({}) List<String> countries,
        /* Active currencies, ISO 4217; the project currency is always active. */
        @DefaultValue({}) List<String> currencies,
        @DefaultValue("7h") Duration tokenValidity,
        @DefaultValue RateLimit rateLimit,
        /* Response caching per resource name (first path segment), value = max-age. */
        @DefaultValue({}) Map<String, Duration> caching,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue LoginThrottle loginThrottle,
        /* How long a verified token or Basic credential is trusted by a node without asking the database. */
        @DefaultValue("10s") Duration authCacheTtl) {

    public String defaultLanguage() {
        return languages.isEmpty() ? "en" : languages.getFirst();
    }

    /**
     * Requests per second and burst, per external application (or per client address without one).
     * {@code optimization} says how nodes share buckets on PostgreSQL: {@code delaying} (default: each
     * node spends from its own copy and writes back every requests-per-second/10 requests or 100 ms;
     * all nodes together stay within burst + rate × time + nodes × requests-per-second/10),
     * {@code batching} (exact, a transaction per batch of concurrent requests) or {@code none} (one
     * transaction per request).
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") long requestsPerSecond,
            @DefaultValue("100") long burst,
            @DefaultValue("delaying") Sync optimization,
            @DefaultValue("5") int poolSize) {

        public enum Sync { BATCHING, DELAYING, NONE }
    }

    /** First-start credentials; values left empty are generated and printed once. */
    public record Bootstrap(String login, String password, String enterpriseAppId, String customerAppId) {
    }

    /** After {@code freeAttempts} failures for one login, each further attempt waits exponentially longer. */
    public record LoginThrottle(
            @DefaultValue("5") int freeAttempts,
            @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("15m") Duration maxDelay) {
    }
}
