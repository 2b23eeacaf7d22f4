package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** {@code Idempotency-Key} on writes: replay, conflicting reuse, concurrent repeats, failures, expiry. */
class IdempotencyTest extends ApiTest {

    private static final String ESHOP = Ids.stable("customer_source", "eshop");

    @Autowired
    DSLContext dsl;

    @Autowired
    MutableClock clock;

    @Autowired
    IdempotencyKeys keys;

    @BeforeEach
    void probe() {
        WriteProbeController.reset();
    }

    private static String customer(String email) {
        return """
                {"customer": {"personal_information": {"first_name": "Eva", "last_name": "Dvořáková",
                  "email": "%s", "language_id": "cs"}},
                 "customer_source": {"customer_source_id": "%s"}, "autologin": false, "password": "S3cret-pass"}"""
                .formatted(email, ESHOP);
    }

    private long customers() {
        return admin().get("/customers").expect(200).data().path("total_items").asLong();
    }

    private long storedKeys() {
        return dsl.fetchCount(DSL.table(DSL.name("idempotency_key")));
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndChangesNothing() {
        Api api = admin().header("Idempotency-Key", "create-eva-1");
        Api.Response first = api.post("/customers", customer("eva@example.com")).expect(201);
        Api.Response again = api.post("/customers", customer("eva@example.com")).expect(201);

        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(customers()).isEqualTo(1);
        // Without the key, the same request is a new request: the email is taken.
        assertThat(admin().post("/customers", customer("eva@example.com")).expect(400).invalidParams())
                .containsExactly("customer.personal_information.email:already_exists");
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndChangesNothing() {
        Api api = admin().header("Idempotency-Key", "create-1");
        api.post("/customers", customer("first@example.com")).expect(201);

        Api.Response otherBody = api.post("/customers", customer("second@example.com")).expect(400);
        assertThat(otherBody.invalidParams()).containsExactly("Idempotency-Key:already_exists");
        Api.Response otherPath = api.post("/tests/probe-writes", customer("first@example.com")).expect(400);
        assertThat(otherPath.invalidParams()).containsExactly("Idempotency-Key:already_exists");
        assertThat(customers()).isEqualTo(1);
        assertThat(WriteProbeController.RUNS.get()).isZero();
    }

    @Test
    void keysBelongToTheCallersApplicationOrAnonymousClientAddress() {
        Map<String, Object> token = Map.of(
                "device", Map.of("device_id", "phone-1", "device_system", "Android 15", "device_name", "Pixel",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "en", "allowed_gps", false, "allowed_notifications", true),
                "external_application_id", CUSTOMER_APP);
        Api fromHere = customer().header("Idempotency-Key", "token-1");
        String first = fromHere.post("/tokens", token).expect(201).data().path("token_id").asString();
        Api.Response replayed = fromHere.post("/tokens", token).expect(201);
        assertThat(replayed.data().path("token_id").asString()).isEqualTo(first);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");

        // Another client address does not see this client's answer: its request runs (and replaces the token).
        Api.Response elsewhere = customer().from("127.0.0.9").header("Idempotency-Key", "token-1")
                .post("/tokens", token).expect(201);
        assertThat(elsewhere.header("Idempotent-Replayed")).isNull();
        assertThat(elsewhere.data().path("token_id").asString()).isNotEqualTo(first);

        // Enterprise keys are the application's: the same key may serve an anonymous client too.
        admin().header("Idempotency-Key", "token-1").post("/customers", customer("x@example.com")).expect(201);
    }

    @Test
    void aRepeatIsAuthenticatedBeforeItIsAnswered() {
        String body = customer("auth@example.com");
        admin().header("Idempotency-Key", "auth-1").post("/customers", body).expect(201);
        Api.Response anonymous = enterprise().header("Idempotency-Key", "auth-1").post("/customers", body).expect(401);
        assertThat(anonymous.header("Idempotent-Replayed")).isNull();
        enterprise().bearer("not-a-token").header("Idempotency-Key", "auth-1").post("/customers", body).expect(401);
    }

    @Test
    void clientErrorsAreStoredAndReplayed() {
        Api api = admin().header("Idempotency-Key", "bad-1");
        String bad = customer("not-an-email");
        Api.Response first = api.post("/customers", bad).expect(400);
        Api.Response again = api.post("/customers", bad).expect(400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(customers()).isZero();
    }

    @Test
    void serverErrorsAreNotStoredSoTheRetryRuns() {
        WriteProbeController.FAILURES_LEFT.set(1);
        Api api = admin().header("Idempotency-Key", "flaky-1");
        api.post("/tests/probe-writes", Map.of("n", 1)).expect(500);
        assertThat(storedKeys()).isZero();

        Api.Response retry = api.post("/tests/probe-writes", Map.of("n", 1)).expect(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(retry.data().path("run").asInt()).isEqualTo(2);
        Api.Response again = api.post("/tests/probe-writes", Map.of("n", 1)).expect(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().path("run").asInt()).isEqualTo(2);
        assertThat(WriteProbeController.RUNS.get()).isEqualTo(2);
    }

    @Test
    void badKeysAreRefusedBeforeAnythingRuns() {
        assertThat(admin().header("Idempotency-Key", " ").post("/tests/probe-writes", Map.of()).expect(400)
                .invalidParams()).containsExactly("Idempotency-Key:empty");
        assertThat(admin().header("Idempotency-Key", "k".repeat(256)).post("/tests/probe-writes", Map.of())
                .expect(400).invalidParams()).containsExactly("Idempotency-Key:invalid_value_format");
        assertThat(WriteProbeController.RUNS.get()).isZero();
        admin().header("Idempotency-Key", "k".repeat(255)).post("/tests/probe-writes", Map.of()).expect(201);
    }

    @Test
    void keysAreStoredHashedWithTheAnswerEncrypted() {
        Api.Response login = enterprise().header("Idempotency-Key", "login-key-1").post("/users/actions/login",
                Map.of("user_external_application_id", ENTERPRISE_APP, "login", LOGIN, "password", PASSWORD))
                .expect(200);
        String token = login.data().path("bearer_token").asString();
        var row = dsl.select(DSL.field(DSL.name("key_hash"), String.class), DSL.field(DSL.name("body"), byte[].class))
                .from(DSL.table(DSL.name("idempotency_key"))).fetchSingle();
        assertThat(row.value1()).isEqualTo(Ids.sha256("login-key-1"));
        assertThat(new String(row.value2(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
        Api.Response again = enterprise().header("Idempotency-Key", "login-key-1").post("/users/actions/login",
                Map.of("user_external_application_id", ENTERPRISE_APP, "login", LOGIN, "password", PASSWORD));
        assertThat(again.data().path("bearer_token").asString()).isEqualTo(token);
    }

    @Test
    void parallelRepeatsRunOnceAndAllGetTheSameAnswer() throws Exception {
        String token = loginToken(LOGIN, PASSWORD);
        Api api = enterprise().bearer(token).header("Idempotency-Key", "parallel-create-1");
        String body = customer("parallel@example.com");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/customers", body);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(responses).extracting(Api.Response::status).containsOnly(201);
            assertThat(responses).extracting(Api.Response::body).containsOnly(responses.getFirst().body());
            assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(customers()).isEqualTo(1);
    }

    @Test
    void aRepeatWaitsForTheFirstAttemptBoundedly() throws Exception {
        WriteProbeController.hold = new CountDownLatch(1);
        Api api = admin().header("Idempotency-Key", "slow-1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Api.Response> first = pool.submit(() -> api.post("/tests/probe-writes", Map.of("n", 1)));
            assertThat(WriteProbeController.started.await(20, TimeUnit.SECONDS)).isTrue();

            // Still running after the bounded wait (patron.idempotency.max-wait): 503 with Retry-After, nothing run twice.
            long before = System.nanoTime();
            Api.Response waited = api.post("/tests/probe-writes", Map.of("n", 1)).expect(503);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(waited.header("Retry-After")).isEqualTo("1");
            assertThat(WriteProbeController.RUNS.get()).isEqualTo(1);

            // A repeat that arrives while the first runs gets the first's answer once it is done.
            Future<Api.Response> repeat = pool.submit(() -> api.post("/tests/probe-writes", Map.of("n", 1)));
            Thread.sleep(300);
            WriteProbeController.hold.countDown();
            Api.Response original = first.get(30, TimeUnit.SECONDS).expect(201);
            Api.Response replayed = repeat.get(30, TimeUnit.SECONDS).expect(201);
            assertThat(replayed.body()).isEqualTo(original.body());
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(WriteProbeController.RUNS.get()).isEqualTo(1);
        } finally {
            WriteProbeController.hold.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimWhoseNodeDiedIsTakenOverByTheNextRepeat() {
        WriteProbeController.hold = new CountDownLatch(1);
        Api api = admin().header("Idempotency-Key", "orphan-1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Api.Response> first = pool.submit(() -> api.post("/tests/probe-writes", Map.of("n", 1)));
            assertThat(WriteProbeController.started.await(20, TimeUnit.SECONDS)).isTrue();
            // As if the node running the first attempt had died: its claim is past patron.idempotency.abandon-after.
            clock.advance(Duration.ofMinutes(6));
            Api.Response taken = admin().header("Idempotency-Key", "orphan-1")
                    .post("/tests/probe-writes", Map.of("n", 1)).expect(201);
            assertThat(taken.data().path("run").asInt()).isEqualTo(2);
            WriteProbeController.hold.countDown();
            first.get(30, TimeUnit.SECONDS).expect(201);
            // The stored answer is the one of the attempt that took over.
            assertThat(admin().header("Idempotency-Key", "orphan-1").post("/tests/probe-writes", Map.of("n", 1))
                    .expect(201).body()).isEqualTo(taken.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            WriteProbeController.hold.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void keysExpireAfterTheRetentionAndAreRemoved() {
        admin().header("Idempotency-Key", "old-1").post("/tests/probe-writes", Map.of("n", 1)).expect(201);
        clock.advance(Duration.ofHours(23));
        assertThat(keys.removeExpired()).isZero();
        assertThat(admin().header("Idempotency-Key", "old-1").post("/tests/probe-writes", Map.of("n", 1))
                .expect(201).header("Idempotent-Replayed")).isEqualTo("true");

        clock.advance(Duration.ofHours(2));
        assertThat(keys.removeExpired()).isEqualTo(1);
        assertThat(storedKeys()).isZero();
        // After the retention the key is new again: the request runs.
        Api.Response fresh = admin().header("Idempotency-Key", "old-1").post("/tests/probe-writes", Map.of("n", 1))
                .expect(201);
        assertThat(fresh.header("Idempotent-Replayed")).isNull();
        assertThat(WriteProbeController.RUNS.get()).isEqualTo(2);
    }
}
