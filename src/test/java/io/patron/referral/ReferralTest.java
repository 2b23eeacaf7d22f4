package io.patron.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiTime;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.events.DomainEvent;
import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * Referral campaigns: one code per customer and campaign, made on the first read (once, under concurrent first
 * reads), the list's filters, registrations with a code (the relation of both customers and the incentives of both
 * sides, granted once), refused codes (unknown, expired, paused, one's own), validate-customer-data, Customer API
 * isolation and the checks of the project file.
 */
class ReferralTest extends ApiTest {

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String FRIENDS = Ids.stable("referral_campaign", "friends");
    static final String WEEK = Ids.stable("referral_campaign", "week");
    static final String ENDED = Ids.stable("referral_campaign", "ended");
    static final String PAUSED = Ids.stable("referral_campaign", "paused");
    static final String REFERRAL_TYPE = Ids.stable("customer_relation_type", "referral");
    static final String FAMILY = Ids.stable("customer_relation_type", "family");
    static final String WELCOME = Ids.stable("reward", "REF-WELCOME");
    static final String THANKS = Ids.stable("reward", "REF-THANKS");

    @Autowired
    MutableClock clock;
    @Autowired
    OutboxPoller poller;
    @Autowired
    ReferralIncentives incentives;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ProjectImporter importer;

    private static int phones;

    @BeforeEach
    void project() {
        importProject("test-referrals.yaml");
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A registration body; each person has a phone number of their own. */
    static Map<String, Object> signUp(String email, String referralCode) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Ref");
        info.put("last_name", email.substring(0, email.indexOf('@')));
        info.put("email", email);
        info.put("phone", "42060000" + String.format("%04d", ++phones));
        info.put("language_id", "en");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        if (referralCode != null) {
            body.put("referral_code", referralCode);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> info(Map<String, Object> signUp) {
        return (Map<String, Object>) ((Map<String, Object>) signUp.get("customer")).get("personal_information");
    }

    static String register(Api api, String email) {
        return api.post("/customers", signUp(email, null)).expect(201).data().path("customer_id").asString();
    }

    static List<JsonNode> referrals(Api api, String customerId, String... query) {
        JsonNode data = api.get("/customers/" + customerId + "/referrals", query).expect(200).data();
        List<JsonNode> items = new ArrayList<>();
        data.path("referrals").forEach(items::add);
        assertThat(data.path("total_items").asInt()).isEqualTo(items.size());
        return items;
    }

    static String code(Api api, String customerId, String... query) {
        List<JsonNode> items = referrals(api, customerId, query);
        assertThat(items).hasSize(1);
        return items.getFirst().path("code").asString();
    }

    private void deliver() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            poller.drain();
            assertThat(poller.drain()).isZero();
        });
    }

    private static BigDecimal points(Api admin, String customerId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode lot : admin.get("/customers/" + customerId + "/points").expect(200).data().path("points")) {
            sum = sum.add(lot.path("assigned_points").decimalValue());
        }
        return sum.stripTrailingZeros();
    }

    private static List<String> voucherRewards(Api admin, String customerId) {
        List<String> rewards = new ArrayList<>();
        admin.get("/customers/" + customerId + "/vouchers").expect(200).data().path("vouchers")
                .forEach(v -> rewards.add(v.path("reward").path("reward_id").asString()));
        return rewards.stream().sorted().toList();
    }

    private static List<JsonNode> relations(Api admin, String customerId) {
        List<JsonNode> items = new ArrayList<>();
        admin.get("/customers/" + customerId + "/related-customers").expect(200).data().path("related_customers")
                .forEach(items::add);
        return items;
    }

    private boolean validates(String code) {
        return enterprise().post("/customers/actions/validate-customer-data",
                Map.of("type", "referral_code", "value", code)).expect(200).data().path("is_valid").asBoolean();
    }

    private void importYaml(String yaml) throws IOException {
        Path file = Files.createTempFile("test-referral-campaigns", ".yaml");
        try {
            Files.writeString(file, yaml);
            importer.apply(ProjectFile.load("file:" + file));
        } finally {
            Files.delete(file);
        }
    }

    // --- codes ----------------------------------------------------------------------------------

    @Test
    void aCustomerGetsOneCodePerCampaignMadeOnTheFirstRead() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        String bert = register(admin, "bert@example.com");

        List<JsonNode> first = referrals(admin, anna);
        assertThat(first).hasSize(1);
        JsonNode referral = first.getFirst();
        String code = referral.path("code").asString();
        assertThat(code).matches("FR-[" + ReferralCodeFormat.DEFAULT_ALPHABET + "]{8}");
        assertThat(referral.path("customer_id").asString()).isEqualTo(anna);
        assertThat(referral.path("referral_campaign_id").asString()).isEqualTo(FRIENDS);
        assertThat(referral.path("valid_to").isMissingNode() || referral.path("valid_to").isNull())
                .as("the default campaign's codes do not expire").isTrue();
        // the same code on every read, by campaign id too
        assertThat(code(admin, anna)).isEqualTo(code);
        assertThat(referrals(admin, anna, "referral_campaign_id", FRIENDS).getFirst().path("referral_id").asString())
                .isEqualTo(referral.path("referral_id").asString());

        // another campaign, another code: digits, expiring a week after it was made
        OffsetDateTime madeAt = OffsetDateTime.now(clock);
        JsonNode week = referrals(admin, anna, "referral_campaign_id", WEEK).getFirst();
        assertThat(week.path("code").asString()).matches("[0-9]{10}");
        assertThat(ApiTime.parseDateTime(week.path("valid_to").asString()))
                .isBetween(ApiTime.local(madeAt.plusDays(7).minusSeconds(5), clock),
                        ApiTime.local(madeAt.plusDays(7).plusSeconds(5), clock));

        // another customer, another code
        assertThat(code(admin, bert)).isNotEqualTo(code).startsWith("FR-");

        // no codes of an unknown, ended or paused campaign (none is made)
        assertThat(referrals(admin, anna, "referral_campaign_id", "nope")).isEmpty();
        assertThat(referrals(admin, anna, "referral_campaign_id", ENDED)).isEmpty();
        assertThat(referrals(admin, anna, "referral_campaign_id", ENDED, "is_valid", "false")).isEmpty();
        assertThat(referrals(admin, anna, "referral_campaign_id", PAUSED, "is_valid", "false")).isEmpty();

        admin.get("/customers/nobody/referrals").expect(404);
    }

    @Test
    void concurrentFirstReadsOfOneCustomerMakeOneCode() throws Exception {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return referrals(admin, anna).getFirst().path("referral_id").asString() + " "
                            + referrals(admin, anna).getFirst().path("code").asString();
                }));
            }
            start.countDown();
            Set<String> seen = new java.util.HashSet<>();
            for (Future<String> answer : answers) {
                seen.add(answer.get());
            }
            assertThat(seen).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(referrals(admin, anna, "is_valid", "false")).isEmpty();
        assertThat(referrals(admin, anna)).hasSize(1);
    }

    @Test
    void codesAreUniqueAcrossCustomers() {
        Api admin = admin();
        Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            codes.add(code(admin, register(admin, "c" + i + "@example.com"), "referral_campaign_id", WEEK));
        }
        assertThat(codes).hasSize(30);
    }

    @Test
    void theListFiltersByValidityAndCode() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        String bert = register(admin, "bert@example.com");
        String code = code(admin, anna);
        String bertsCode = code(admin, bert);

        assertThat(referrals(admin, anna, "is_valid", "true")).hasSize(1);
        assertThat(referrals(admin, anna, "is_valid", "false")).isEmpty();
        assertThat(code(admin, anna, "referral_code", " " + code.toLowerCase() + " ")).isEqualTo(code);
        assertThat(referrals(admin, anna, "referral_code", bertsCode)).as("another customer's code").isEmpty();
        assertThat(referrals(admin, anna, "referral_code", "FR-NOTHING")).isEmpty();
        assertThat(code(admin, anna, "count", "1", "offset", "0", "sort_field", "code", "sort_direction", "DESC"))
                .isEqualTo(code);
        assertThat(admin.get("/customers/" + anna + "/referrals", "is_valid", "perhaps").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");
        assertThat(admin.get("/customers/" + anna + "/referrals", "sort_field", "colour").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");

        // a week's code expires: then it is listed only as invalid, and no second code is made
        String weekCode = code(admin, anna, "referral_campaign_id", WEEK);
        clock.advance(Duration.ofDays(8));
        admin = admin(); // the former token expired meanwhile
        assertThat(referrals(admin, anna, "referral_campaign_id", WEEK)).isEmpty();
        assertThat(code(admin, anna, "referral_campaign_id", WEEK, "is_valid", "false")).isEqualTo(weekCode);
        assertThat(code(admin, anna)).as("the default campaign's code lives on").isEqualTo(code);
    }

    @Test
    void aBadRequestMakesNoCode() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        admin.get("/customers/" + anna + "/referrals", "is_valid", "perhaps").expect(400);
        assertThat(referrals(admin, anna, "is_valid", "false")).as("the refused read made nothing").isEmpty();
    }

    // --- registration with a code -----------------------------------------------------------------

    @Test
    void registeringWithACodeRelatesBothCustomersAndGrantsTheIncentivesOnce() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        String code = code(admin, anna);
        assertThat(validates(code)).isTrue();

        // typed in lower case with spaces around it
        String newbie = admin.post("/customers", signUp("newbie@example.com", "  " + code.toLowerCase() + " "))
                .expect(201).data().path("customer_id").asString();

        List<JsonNode> mine = relations(admin, newbie);
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().path("related_customer_id").asString()).isEqualTo(anna);
        assertThat(mine.getFirst().path("customer_relation_type_id").asString()).isEqualTo(REFERRAL_TYPE);
        assertThat(mine.getFirst().path("is_leading").asBoolean()).isFalse();
        List<JsonNode> annas = relations(admin, anna);
        assertThat(annas).hasSize(1);
        assertThat(annas.getFirst().path("related_customer_id").asString()).isEqualTo(newbie);
        assertThat(annas.getFirst().path("is_leading").asBoolean()).isTrue();

        deliver();
        assertThat(points(admin, anna)).isEqualByComparingTo("100");
        assertThat(voucherRewards(admin, anna)).containsExactly(THANKS);
        assertThat(points(admin, newbie)).isEqualByComparingTo("50");
        assertThat(voucherRewards(admin, newbie)).containsExactly(WELCOME);

        // a redelivered event grants nothing more
        JsonNode payload = Api.JSON.valueToTree(Map.of("referral_use_id", useOf(newbie), "customer_id", newbie));
        transactions.executeWithoutResult(s -> incentives.onEvent(new DomainEvent("again",
                EventType.REFERRAL_COMPLETED, useOf(newbie), OffsetDateTime.now(clock), payload)));
        assertThat(points(admin, anna)).isEqualByComparingTo("100");
        assertThat(voucherRewards(admin, anna)).containsExactly(THANKS);
        assertThat(points(admin, newbie)).isEqualByComparingTo("50");
        assertThat(voucherRewards(admin, newbie)).containsExactly(WELCOME);

        // the code refers more than one friend; each referral rewards its holder again
        String second = admin.post("/customers", signUp("second@example.com", code)).expect(201).data()
                .path("customer_id").asString();
        deliver();
        assertThat(points(admin, anna)).isEqualByComparingTo("200");
        assertThat(voucherRewards(admin, anna)).containsExactly(THANKS, THANKS);
        assertThat(points(admin, second)).isEqualByComparingTo("50");
        assertThat(relations(admin, anna)).hasSize(2);
    }

    @Autowired
    org.jooq.DSLContext dsl;

    /** The referral use of a referred customer (the payload of its event). */
    private String useOf(String referredId) {
        return dsl.select(io.patron.db.Tables.REFERRAL_USE.ID).from(io.patron.db.Tables.REFERRAL_USE)
                .where(io.patron.db.Tables.REFERRAL_USE.REFERRED_CUSTOMER_ID.eq(referredId))
                .fetchOne(io.patron.db.Tables.REFERRAL_USE.ID);
    }

    @Test
    void aCampaignWithoutIncentivesOnlyRelatesTheCustomers() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        String code = code(admin, anna, "referral_campaign_id", WEEK);
        String newbie = admin.post("/customers", signUp("newbie@example.com", code)).expect(201).data()
                .path("customer_id").asString();
        assertThat(relations(admin, newbie)).singleElement()
                .satisfies(r -> assertThat(r.path("customer_relation_type_id").asString()).isEqualTo(FAMILY));
        deliver();
        assertThat(points(admin, anna)).isZero();
        assertThat(voucherRewards(admin, newbie)).isEmpty();
    }

    @Test
    void unknownExpiredPausedAndOwnCodesAreRefusedAndNothingIsCreated() throws IOException {
        Api admin = admin();
        Map<String, Object> annasBody = signUp("anna@example.com", null);
        String anna = admin.post("/customers", annasBody).expect(201).data().path("customer_id").asString();
        String code = code(admin, anna);
        String weekCode = code(admin, anna, "referral_campaign_id", WEEK);

        assertThat(admin.post("/customers", signUp("x1@example.com", "FR-UNKNOWN1")).expect(400).invalidParams())
                .containsExactly("referral_code:not_found");
        assertThat(validates("FR-UNKNOWN1")).isFalse();

        // the registrant gives the holder's phone number: the holder's own code
        Map<String, Object> samePhone = signUp("x2@example.com", code);
        info(samePhone).put("phone", info(annasBody).get("phone"));
        assertThat(admin.post("/customers", samePhone).expect(400).invalidParams())
                .containsExactly("referral_code:not_allowed_value");

        // a week later the week's code has expired
        clock.advance(Duration.ofDays(8));
        admin = admin(); // the former token expired meanwhile
        assertThat(admin.post("/customers", signUp("x3@example.com", weekCode)).expect(400).invalidParams())
                .containsExactly("referral_code:not_allowed_value");
        assertThat(validates(weekCode)).isFalse();
        assertThat(validates(code)).isTrue();

        // the default campaign is paused: its codes are invalid until it runs again
        importYaml("""
                referral_campaigns:
                  - text_id: friends
                    name: Bring a friend
                    is_default: true
                    code: { prefix: "FR-", length: 8 }
                    relation_type: referral
                    state: 2
                """);
        assertThat(validates(code)).isFalse();
        assertThat(admin.post("/customers", signUp("x4@example.com", code)).expect(400).invalidParams())
                .containsExactly("referral_code:not_allowed_value");
        assertThat(referrals(admin, anna)).isEmpty();
        assertThat(code(admin, anna, "is_valid", "false")).isEqualTo(code);

        // nobody was created, nothing related, nothing granted
        for (String email : List.of("x1", "x2", "x3", "x4")) {
            assertThat(admin.get("/customers", "email", email + "@example.com").expect(200).data()
                    .path("total_items").asInt()).isZero();
        }
        assertThat(relations(admin, anna)).isEmpty();
        deliver();
        assertThat(points(admin, anna)).isZero();
    }

    @Test
    void aLoggedInCustomerCannotUseTheirOwnCode() {
        Api app = customer().bearer(customerToken("phone-referral-own"));
        Map<String, Object> me = signUp("me@example.com", null);
        me.put("autologin", true);
        me.put("password", "S3cret-pass");
        String anna = app.post("/customers", me).expect(201).data().path("customer_id").asString();
        String code = code(app, anna);
        assertThat(app.post("/customers", signUp("again@example.com", code)).expect(400).invalidParams())
                .containsExactly("referral_code:not_allowed_value");
        // a friend's app registers with it
        Api friend = customer().bearer(customerToken("phone-referral-friend"));
        String newbie = friend.post("/customers", signUp("friend@example.com", code)).expect(201).data()
                .path("customer_id").asString();
        assertThat(relations(admin(), anna)).singleElement()
                .satisfies(r -> assertThat(r.path("related_customer_id").asString()).isEqualTo(newbie));
    }

    @Test
    void validateCustomerDataAnswersWhetherACodeCanBeUsed() {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        String code = code(admin, anna);
        assertThat(validates(code)).isTrue();
        assertThat(validates(code.toLowerCase())).isTrue();
        assertThat(customer().post("/customers/actions/validate-customer-data",
                Map.of("type", "referral_code", "value", code)).expect(200).data().path("is_valid").asBoolean()).isTrue();
        assertThat(validates("")).isFalse();
        assertThat(validates("FR-AAAAAAAA")).isFalse();
        assertThat(validates(code + "X")).isFalse();
    }

    // --- Customer API isolation -------------------------------------------------------------------

    @Test
    void aCustomerReadsOnlyTheirOwnCodes() {
        Api admin = admin();
        String other = register(admin, "other@example.com");
        String othersCode = code(admin, other);

        Api anonymousApp = customer().bearer(customerToken("phone-referral-anon"));
        anonymousApp.get("/customers/" + other + "/referrals").expect(403);

        Api app = customer().bearer(customerToken("phone-referral-me"));
        Map<String, Object> me = signUp("me@example.com", null);
        me.put("autologin", true);
        me.put("password", "S3cret-pass");
        String mine = app.post("/customers", me).expect(201).data().path("customer_id").asString();
        String myCode = code(app, mine);
        assertThat(myCode).isNotEqualTo(othersCode);

        assertThat(app.get("/customers/" + other + "/referrals").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + other + "/referrals", "referral_code", othersCode).expect(400)
                .invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(referrals(app, mine, "referral_code", othersCode)).isEmpty();
        // the refused read made no code for a customer without one
        String third = register(admin, "third@example.com");
        app.get("/customers/" + third + "/referrals").expect(400);
        assertThat(referrals(admin, third, "is_valid", "false")).isEmpty();
    }

    // --- the project file ---------------------------------------------------------------------------

    @Test
    void theProjectFileIsChecked() {
        assertThatThrownBy(() -> importYaml("""
                referral_campaigns:
                  - { text_id: guessable, relation_type: referral, code: { length: 6, alphabet: "0123456789" } }
                """)).hasMessageContaining("could be guessed");
        assertThatThrownBy(() -> importYaml("""
                referral_campaigns:
                  - { text_id: nowhere, relation_type: neighbours }
                """)).hasMessageContaining("relation_type");
        assertThatThrownBy(() -> importYaml("""
                referral_campaigns:
                  - { text_id: free_lunch, relation_type: referral, incentives: { referred: { reward: LUNCH } } }
                """)).hasMessageContaining("no reward LUNCH");
        assertThatThrownBy(() -> importYaml("""
                referral_campaigns:
                  - { text_id: no_partner, relation_type: referral, incentives: { referred: { points: 5 } } }
                """)).hasMessageContaining("incentives.partner");
        assertThatThrownBy(() -> importYaml("""
                referral_campaigns:
                  - { text_id: one, relation_type: referral, is_default: true }
                  - { text_id: two, relation_type: referral, is_default: true }
                """)).hasMessageContaining("at most one is_default");
    }

    @Test
    void aLaterDefaultCampaignReplacesTheFormerDefault() throws IOException {
        Api admin = admin();
        String anna = register(admin, "anna@example.com");
        importYaml("""
                referral_campaigns:
                  - { text_id: spring, name: Spring, relation_type: referral, is_default: true, code: { prefix: "SP-" } }
                """);
        JsonNode referral = referrals(admin, anna).getFirst();
        assertThat(referral.path("referral_campaign_id").asString()).isEqualTo(Ids.stable("referral_campaign", "spring"));
        assertThat(referral.path("code").asString()).startsWith("SP-");
        assertThat(code(admin, anna, "referral_campaign_id", FRIENDS)).startsWith("FR-");
    }
}
