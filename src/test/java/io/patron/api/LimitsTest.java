package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.patron.config.PatronProperties;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.TestDatabase;

/**
 * Rate limits and response caching, on a server of its own with a small budget (5 requests per
 * second, burst 5) and {@code countries} cached for 60 s.
 *
 * <p>Budgets are per external application and, for anonymous calls, per client address. The
 * local buckets of H2 survive the data reset between tests, so every test uses applications and
 * a client address (127.0.0.N) of its own and never meets another test's budget.
 */
@TestPropertySource(properties = {
        "patron.rate-limit.requests-per-second=" + LimitsTest.RATE,
        "patron.rate-limit.burst=" + LimitsTest.BURST,
        "patron.caching.countries=" + LimitsTest.COUNTRIES_MAX_AGE + "s"})
class LimitsTest extends ApiTest {

    static final int RATE = 5;
    static final int BURST = 5;
    static final int COUNTRIES_MAX_AGE = 60;

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    @Autowired
    private DSLContext dsl;
    @Autowired
    private ResponseCache responseCache;
    @Autowired
    private io.patron.reference.ReferenceCache referenceCache;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private PatronProperties properties;

    /** This test's client address and the prefix of its applications' ids. */
    private String address;
    private String prefix;

    @BeforeEach
    void ownBudgets() {
        int n = TESTS.incrementAndGet();
        address = "127.0.%d.%d".formatted(1 + n / 250, 2 + n % 250);
        prefix = "limits-" + n + "-";
    }

    // ---- rate limits ------------------------------------------------------------------------

    @Test
    void overTheLimitAnswers429WithRetryAfter() {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));

        Limited run = untilLimited(api);

        assertThat(run.passed()).as("requests let through before the first 429")
                .isBetween(BURST, BURST + refilledDuring(run));
        Api.Response refused = run.refused();
        String retryAfter = refused.header("Retry-After");
        assertThat(retryAfter).as("Retry-After").isNotNull().matches("\\d+");
        assertThat(Long.parseLong(retryAfter)).isGreaterThanOrEqualTo(1);
        assertThat(refused.body()).as("the contract's 429 has no body").isEmpty();
    }

    @Test
    void requestsWithinTheBudgetPassAndTheBudgetRefills() throws InterruptedException {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));

        for (int i = 0; i < BURST; i++) {
            connectionTest(api).expect(200);
        }
        Limited run = untilLimited(api);
        assertThat(run.passed()).isLessThanOrEqualTo(refilledDuring(run));

        Thread.sleep(Long.parseLong(run.refused().header("Retry-After")) * 1000);
        connectionTest(api).expect(200);
    }

    @Test
    void enterpriseTokensOfOneApplicationShareItsBudgetOtherApplicationsHaveTheirOwn() {
        String appA = enterpriseApp("a");
        String appB = enterpriseApp("b");
        Api first = enterprise().from(address).bearer(login(appA));
        Api second = enterprise().from(address).bearer(login(appA));
        Api other = enterprise().from(address).bearer(login(appB));

        untilLimited(first);
        Limited sameApp = untilLimited(second);
        assertThat(sameApp.passed()).as("a second token of the same application gets no budget of its own")
                .isLessThanOrEqualTo(refilledDuring(sameApp));

        Limited otherApp = untilLimited(other);
        assertThat(otherApp.passed()).as("another application has a full budget").isGreaterThanOrEqualTo(BURST);
    }

    @Test
    void customerTokensUseTheBudgetOfTheirApplication() {
        String appA = customerApp("a");
        String appB = customerApp("b");
        Api phone = customer().from(address).bearer(customerTokenOf(appA, "phone"));
        Api tablet = customer().from(address).bearer(customerTokenOf(appA, "tablet"));
        Api otherApp = customer().from(address).bearer(customerTokenOf(appB, "phone"));

        untilLimited(phone);
        Limited sameApp = untilLimited(tablet);
        assertThat(sameApp.passed()).as("another device of the same application shares its budget")
                .isLessThanOrEqualTo(refilledDuring(sameApp));
        assertThat(untilLimited(otherApp).passed()).isGreaterThanOrEqualTo(BURST);
        // The Enterprise application's budget is yet another one.
        assertThat(untilLimited(enterprise().from(address).bearer(login(enterpriseApp("e")))).passed())
                .isGreaterThanOrEqualTo(BURST);
    }

    @Test
    void anonymousCallersHaveABudgetPerClientAddress() {
        String otherAddress = address.replaceFirst("^127\\.0\\.", "127.1.");
        Api here = enterprise().from(address);
        Api there = enterprise().from(otherAddress);

        Limited run = untilLimited(here);
        assertThat(run.passed()).isBetween(BURST, BURST + refilledDuring(run));
        assertThat(run.refused().header("Retry-After")).matches("[1-9]\\d*");
        // Same address, the other interface: still the same anonymous budget.
        Limited customerSide = untilLimited(customer().from(address));
        assertThat(customerSide.passed()).isLessThanOrEqualTo(refilledDuring(customerSide));

        assertThat(untilLimited(there).passed()).as("another client address").isGreaterThanOrEqualTo(BURST);
    }

    @Test
    void guessingTokensSpendsTheClientsBudget() {
        Api guesser = enterprise().from(address).bearer("guessed-token");
        long start = System.nanoTime();
        int refused401 = 0;
        Api.Response answer = guesser.get("/countries");
        while (answer.status() == 401 && refused401 < 200) {
            refused401++;
            answer = guesser.get("/countries");
        }
        assertThat(answer.status()).isEqualTo(429);
        Limited run = new Limited(refused401, answer, System.nanoTime() - start);
        assertThat(refused401).isBetween(BURST, BURST + refilledDuring(run));
    }

    /**
     * Two nodes are two {@link RateLimiter}s built by {@link RateLimitConfig} on the same
     * PostgreSQL database: together they let through one budget, not one each.
     */
    @Test
    void nodesShareOneBudgetOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        // One request per second refills slowly enough to see the shared budget run out.
        PatronProperties slow = withRateLimit(new PatronProperties.RateLimit(true, 1, BURST, PatronProperties.RateLimit.Sync.BATCHING, 5));
        RateLimiter nodeA = limiter(slow);
        RateLimiter nodeB = limiter(slow);
        String key = "app:" + prefix + "shared";

        int passedA = 0;
        int passedB = 0;
        long refusedA = 0;
        long refusedB = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 4 * BURST; i++) {
            long waitA = nodeA.tryConsume(key);
            long waitB = nodeB.tryConsume(key);
            passedA += waitA == 0 ? 1 : 0;
            passedB += waitB == 0 ? 1 : 0;
            refusedA = Math.max(refusedA, waitA);
            refusedB = Math.max(refusedB, waitB);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(passedA).as("node A alone").isGreaterThan(0);
        assertThat(passedB).as("node B alone").isGreaterThan(0);
        assertThat(passedA + passedB).as("both nodes together, in %.2f s", seconds)
                .isBetween(BURST, BURST + (int) Math.ceil(seconds));
        assertThat(refusedA).as("node A was refused with a wait").isGreaterThanOrEqualTo(1);
        assertThat(refusedB).as("node B was refused with a wait").isGreaterThanOrEqualTo(1);
        assertThat(dsl.fetchCount(table(name("rate_limit_bucket")), field(name("id")).eq(key)))
                .as("one shared bucket row").isEqualTo(1);
    }

    /**
     * The default {@code batching} sends concurrent requests of one key to the database together;
     * with many threads on two nodes at once, the budget must still be spent exactly once.
     */
    @Test
    void concurrentRequestsOnTwoBatchingNodesStayWithinOneBudgetOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        PatronProperties slow = withRateLimit(new PatronProperties.RateLimit(true, 1, 3 * BURST, PatronProperties.RateLimit.Sync.BATCHING, 5));
        RateLimiter[] nodes = {limiter(slow), limiter(slow)};
        String key = "app:" + prefix + "concurrent";
        int threads = 16;
        int perThread = 8;

        long start = System.nanoTime();
        int passed = consumeConcurrently(nodes, key, threads, perThread);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(passed).as("%d requests on two nodes in %.2f s", threads * perThread, seconds)
                .isBetween(3 * BURST, 3 * BURST + (int) Math.ceil(seconds));
    }

    /**
     * The default {@code delaying} lets each node spend from its own copy of the bucket and write
     * back after a lease of requests-per-second / 10 tokens (or 100 ms): many threads on two nodes
     * together stay within burst + rate × time + 2 leases.
     */
    @Test
    void concurrentRequestsOnTwoDelayingNodesStayWithinTheLeaseBoundOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        long rate = 20;
        int burst = 3 * BURST;
        PatronProperties leased = withRateLimit(new PatronProperties.RateLimit(true, rate, burst, PatronProperties.RateLimit.Sync.DELAYING, 5));
        RateLimiter[] nodes = {limiter(leased), limiter(leased)};
        String key = "app:" + prefix + "leased";
        int threads = 16;
        int perThread = 25;

        long start = System.nanoTime();
        int passed = consumeConcurrently(nodes, key, threads, perThread);
        double seconds = (System.nanoTime() - start) / 1e9;
        long lease = RateLimitConfig.leaseTokens(rate);

        assertThat(passed).as("%d requests on two nodes in %.2f s", threads * perThread, seconds)
                .isBetween(burst, burst + (int) Math.ceil(rate * seconds) + (int) (2 * lease));
    }

    /** Threads started together, spread over the nodes in turn, each consuming a few times; returns how many passed. */
    private static int consumeConcurrently(RateLimiter[] nodes, String key, int threads, int perThread) throws Exception {
        AtomicInteger passed = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                RateLimiter node = nodes[t % nodes.length];
                done.add(executor.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        if (node.tryConsume(key) == 0) {
                            passed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
        }
        for (Future<?> future : done) {
            future.get();
        }
        return passed.get();
    }

    /**
     * A key's first requests arriving together are batched while its bucket does not exist yet
     * (a new caller, or a row the cleanup deleted); none of them may fail.
     */
    @Test
    void concurrentFirstRequestsOfANewKeyNeverFailOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        PatronProperties slow = withRateLimit(new PatronProperties.RateLimit(true, 1, 1000, PatronProperties.RateLimit.Sync.BATCHING, 5));
        RateLimiter node = limiter(slow);
        int threads = 32;
        for (int round = 0; round < 10; round++) {
            String key = "app:" + prefix + "new-" + round;
            AtomicInteger passed = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                CountDownLatch go = new CountDownLatch(1);
                for (int t = 0; t < threads; t++) {
                    done.add(executor.submit(() -> {
                        go.await();
                        if (node.tryConsume(key) == 0) {
                            passed.incrementAndGet();
                        }
                        return null;
                    }));
                }
                go.countDown();
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(passed.get()).as("round %d", round).isEqualTo(threads);
        }
    }

    @Test
    void expiredBucketRowsAreRemovedOnPostgres() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        RateLimitConfig.BucketRateLimiter limiter = limiter(properties);
        String expired = "app:" + prefix + "expired";
        String live = "app:" + prefix + "live";
        limiter.tryConsume(expired);
        limiter.tryConsume(live);
        var bucketTable = table(name("rate_limit_bucket"));
        var id = field(name("id"), String.class);
        var expiresAt = field(name("expires_at"), Long.class);
        assertThat(dsl.select(expiresAt).from(bucketTable).where(id.eq(live)).fetchOne(expiresAt))
                .as("expiry of a fresh row").isGreaterThan(System.currentTimeMillis());
        dsl.update(bucketTable).set(expiresAt, System.currentTimeMillis() - 1_000).where(id.eq(expired)).execute();

        new RateLimitConfig().expiredBucketCleanup(limiter).removeExpiredBuckets();

        assertThat(dsl.select(id).from(bucketTable).where(id.in(expired, live)).fetch(id)).containsExactly(live);
        // A deleted bucket simply starts again full.
        assertThat(limiter.tryConsume(expired)).isZero();
    }

    // ---- response caching -------------------------------------------------------------------

    @Test
    void aConfiguredResourceAnnouncesItsMaxAgeOthersDoNot() {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));

        Api.Response fresh = czechia(api).expect(200);
        assertThat(maxAge(fresh)).isBetween(1L, (long) COUNTRIES_MAX_AGE);
        Api.Response cached = czechia(api).expect(200);
        assertThat(maxAge(cached)).isBetween(0L, maxAge(fresh));
        assertThat(cached.body()).isEqualTo(fresh.body());

        assertThat(connectionTest(api).expect(200).header("Cache-Control")).isNull();
    }

    @Test
    void aRepeatedGetIsAnsweredFromTheCacheUntilItIsCleared() {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));
        String original = countryName(czechia(api).expect(200));

        renameCountry("CZ", "en", "Bohemia");
        assertThat(countryName(czechia(api).expect(200))).as("within max-age").isEqualTo(original);

        responseCache.clear();
        assertThat(countryName(czechia(api).expect(200))).as("after clear()").isEqualTo("Bohemia");
    }

    @Test
    void twoTokensNeverShareAnEntry() {
        String app = enterpriseApp("a");
        Api first = enterprise().from(address).bearer(login(app));
        Api second = enterprise().from(address).bearer(login(app));
        String original = countryName(czechia(first).expect(200));

        renameCountry("CZ", "en", "Bohemia");
        assertThat(countryName(czechia(second).expect(200))).as("another token of the same user and app")
                .isEqualTo("Bohemia");
        assertThat(countryName(czechia(first).expect(200))).as("the first token's own entry").isEqualTo(original);

        Api customerToken = customer().from(address).bearer(customerTokenOf(customerApp("c"), "phone"));
        assertThat(countryName(czechia(customerToken).expect(200))).as("a Customer API token")
                .isEqualTo("Bohemia");
    }

    @Test
    void errorAnswersAreNotCached() {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));

        Api.Response refused = api.get("/countries", "count", "0").expect(400);
        assertThat(refused.header("Cache-Control")).isNull();
        assertThat(responseCache.size()).isZero();

        Limited run = untilLimited(api, () -> czechia(api));
        assertThat(run.refused().header("Cache-Control")).as("a 429 of a cached resource").isNull();
        assertThat(responseCache.size()).as("only the one 200").isEqualTo(1);
    }

    @Test
    void everyLanguageHasItsOwnEntry() {
        Api english = enterprise().from(address).bearer(login(enterpriseApp("a")));
        Api czech = english.header("Accept-Language", "cs, en-gb;q=0.8");
        String englishName = countryName(czechia(english).expect(200));
        String czechName = countryName(czechia(czech).expect(200));
        assertThat(czechName).isNotEqualTo(englishName);

        renameCountry("CZ", "en", "Bohemia");
        renameCountry("CZ", "cs", "Čechy");
        assertThat(countryName(czechia(english).expect(200))).isEqualTo(englishName);
        assertThat(countryName(czechia(czech).expect(200))).isEqualTo(czechName);
    }

    @Test
    void everyQueryStringHasItsOwnEntry() {
        Api api = enterprise().from(address).bearer(login(enterpriseApp("a")));
        czechia(api).expect(200);
        renameCountry("SK", "en", "Upper Hungary");

        Api.Response slovakia = api.get("/countries", "country_id", "SK").expect(200);
        assertThat(slovakia.data().path("countries").get(0).path("country_id").asString()).isEqualTo("SK");
        assertThat(countryName(slovakia)).isEqualTo("Upper Hungary");
        Api.Response firstTwo = api.get("/countries", "count", "2").expect(200);
        assertThat(firstTwo.data().path("countries").size()).isEqualTo(2);
        assertThat(firstTwo.data().path("total_items").asLong()).isGreaterThan(2);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The requests let through before the first 429, the 429 itself and how long that took. */
    private record Limited(int passed, Api.Response refused, long nanos) {
    }

    private static Limited untilLimited(Api api) {
        return untilLimited(api, () -> connectionTest(api));
    }

    private static Limited untilLimited(Api api, java.util.function.Supplier<Api.Response> call) {
        long start = System.nanoTime();
        for (int passed = 0; passed < 200; passed++) {
            Api.Response answer = call.get();
            if (answer.status() == 429) {
                return new Limited(passed, answer, System.nanoTime() - start);
            }
            answer.expect(200);
        }
        throw new AssertionError("no 429 after 200 requests");
    }

    /** At most this many requests may have been let through by the refill during a run. */
    private static int refilledDuring(Limited run) {
        return (int) Math.ceil(run.nanos() / 1e9 * RATE) + 1;
    }

    private static Api.Response connectionTest(Api api) {
        return api.get("/tests/connection", "test_string", "abc");
    }

    private static Api.Response czechia(Api api) {
        return api.get("/countries", "country_id", "CZ");
    }

    private static String countryName(Api.Response answer) {
        return answer.data().path("countries").get(0).path("name").asString();
    }

    private static long maxAge(Api.Response answer) {
        String header = answer.header("Cache-Control");
        assertThat(header).as("Cache-Control").isNotNull();
        Matcher matcher = MAX_AGE.matcher(header);
        assertThat(matcher.find()).as("max-age in %s", header).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private void renameCountry(String countryId, String language, String text) {
        int updated = dsl.update(table(name("translation")))
                .set(field(name("text"), String.class), text)
                .where(field(name("entity")).eq("country.name"))
                .and(field(name("entity_id")).eq(countryId))
                .and(field(name("language_id")).eq(language))
                .execute();
        assertThat(updated).isEqualTo(1);
        // as the project import does when it changes reference data: the response cache is what these tests watch
        referenceCache.invalidate();
    }

    private String enterpriseApp(String suffix) {
        return application(prefix + "enterprise-" + suffix, "enterprise");
    }

    private String customerApp(String suffix) {
        return application(prefix + "customer-" + suffix, "customer");
    }

    private String application(String id, String apiInterface) {
        dsl.insertInto(table(name("external_application")))
                .columns(field(name("id")), field(name("name")), field(name("api_interface")),
                        field(name("active")), field(name("created_at")))
                .values(id, "Limits test " + id, apiInterface, true, OffsetDateTime.now())
                .execute();
        return id;
    }

    /** Logs the bootstrap admin in through an application, from this test's address. */
    private String login(String applicationId) {
        Api.Response answer = enterprise().from(address).post("/users/actions/login", Map.of(
                "user_external_application_id", applicationId, "login", LOGIN, "password", PASSWORD));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().path("bearer_token").asString();
    }

    private String customerTokenOf(String applicationId, String deviceId) {
        Api.Response answer = customer().from(address).post("/tokens", Map.of(
                "device", Map.of("device_id", deviceId, "device_system", "Android 15", "device_name", "Pixel",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "en", "allowed_gps", false, "allowed_notifications", true),
                "external_application_id", applicationId));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.data().path("token_id").asString();
    }

    /** Limiters a test builds as further nodes; closed after it, with their connection pools. */
    private final List<RateLimitConfig.BucketRateLimiter> limiters = new ArrayList<>();

    private RateLimitConfig.BucketRateLimiter limiter(PatronProperties settings) throws Exception {
        RateLimitConfig.BucketRateLimiter limiter = new RateLimitConfig().rateLimiter(dataSource, settings);
        limiters.add(limiter);
        return limiter;
    }

    @AfterEach
    void closeLimiters() {
        limiters.forEach(RateLimitConfig.BucketRateLimiter::close);
        limiters.clear();
    }

    /**
     * Bucket rows are written on a pool of their own that does not wait for the WAL flush; the
     * application's pool, which writes business data, still does.
     */
    @Test
    void bucketWritesDoNotWaitForTheDiskButBusinessWritesDo() throws Exception {
        assumeTrue(TestDatabase.postgres(), "shared buckets exist on PostgreSQL only");
        RateLimitConfig.BucketRateLimiter limiter = limiter(properties);
        assertThat(limiter.tryConsume("app:" + prefix + "async")).isZero();
        try (var connection = limiter.bucketPool().getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery("show synchronous_commit")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("off");
        }
        assertThat(dsl.fetchValue("show synchronous_commit")).isEqualTo("on");
    }

    private PatronProperties withRateLimit(PatronProperties.RateLimit rateLimit) {
        PatronProperties p = properties;
        return new PatronProperties(p.dataDir(), p.demo(), p.projectFile(), p.timeZone(), p.currency(),
                p.languages(), p.countries(), p.currencies(), p.tokenValidity(), rateLimit, p.caching(),
                p.bootstrap(), p.loginThrottle(), p.authCacheTtl());
    }
}
