package io.patron.referral;

import static io.patron.db.Tables.REFERRAL_CAMPAIGN;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

import io.patron.api.ApiError;
import io.patron.api.Language;
import io.patron.api.Languages;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.reward.RewardQueries;
import io.patron.store.StoreQueries;

/**
 * Imports referral campaigns; the project file owns them:
 * <pre>
 * referral_campaigns:
 *   - text_id: bring_a_friend          # the id is derived from it unless `id` is given
 *     name: Bring a friend
 *     is_default: true                 # the campaign GET /customers/{id}/referrals answers without a campaign filter
 *     code: { prefix: "FRIEND-", length: 8, alphabet: ABCDEFGHJKMNPQRSTUVWXYZ23456789 }
 *                                      # prefix: upper-case letters, digits, '-'; length 6..32 random characters
 *                                      # (at least 30 random bits); the alphabet shown is the default
 *     valid_from: "2026-01-01"         # the campaign runs from the start of valid_from to the end of valid_to
 *     valid_to: "2027-12-31"           # (project time zone); left out: open
 *     code_validity_days: 90           # a code expires this many days after it was made; left out: with the campaign
 *     relation_type: referral          # a customer relation type (text id or id) created between the two customers
 *     incentives:
 *       partner: patron_demo           # the partner that gives the points (id or text id); required with points
 *       referrer: { points: 200, point_type: club_points }     # the code's holder: points and/or a voucher
 *       referred: { reward: WELCOME-VOUCHER }                   # the new customer (reward code or id)
 *     state: 1                         # 1 active, 2 inactive (its codes are invalid), 0 deleted
 * </pre>
 * A later file's default campaign replaces the default of an earlier one. References are checked here, so that a
 * campaign never grants what does not exist.
 */
@Component
class ReferralCampaignImport implements ProjectImport {

    record CodeFormat(String prefix, Integer length, String alphabet) {
    }

    record Incentive(BigDecimal points, String pointType, String reward) {
    }

    record Incentives(String partner, Incentive referrer, Incentive referred) {
    }

    record CampaignDefinition(String id, String textId, String name, Boolean isDefault, CodeFormat code,
                              JsonNode validFrom, JsonNode validTo, Integer codeValidityDays, String relationType,
                              Incentives incentives, Integer state) {
    }

    private final DSLContext dsl;
    private final LookupQueries lookups;
    private final LoyaltyLedger ledger;
    private final RewardQueries rewards;
    private final StoreQueries stores;
    private final Languages languages;
    private final TransactionTemplate nested;
    private final Clock clock;

    ReferralCampaignImport(DSLContext dsl, LookupQueries lookups, LoyaltyLedger ledger,
                           RewardQueries rewards,
                           StoreQueries stores, Languages languages, PlatformTransactionManager transactions,
                           Clock clock) {
        this.dsl = dsl;
        this.lookups = lookups;
        this.ledger = ledger;
        this.rewards = rewards;
        this.stores = stores;
        this.languages = languages;
        this.clock = clock;
        // a look-up that does not find its record answers an error; in a savepoint it leaves the import intact
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** After the lookups, point types, partners and rewards (110) it names. */
    @Override
    public int order() {
        return 130;
    }

    @Override
    public void apply(ProjectFile file) {
        List<CampaignDefinition> campaigns = file.section("referral_campaigns", CampaignDefinition.class);
        if (campaigns.stream().filter(c -> Boolean.TRUE.equals(c.isDefault())).count() > 1) {
            throw new IllegalStateException(file.location() + ": referral_campaigns: at most one is_default");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < campaigns.size(); i++) {
            CampaignDefinition c = campaigns.get(i);
            String where = file.location() + ": referral_campaigns[" + i + "]";
            String id = c.id() != null && !c.id().isBlank() ? c.id() : Ids.stable("referral_campaign",
                    require(c.textId(), where + ": text_id"));
            Map<Field<?>, Object> values = values(c, where);
            boolean isDefault = Boolean.TRUE.equals(c.isDefault());
            if (isDefault) {
                dsl.update(REFERRAL_CAMPAIGN).setNull(REFERRAL_CAMPAIGN.DEFAULT_KEY)
                        .set(REFERRAL_CAMPAIGN.LAST_CHANGE, now)
                        .where(REFERRAL_CAMPAIGN.DEFAULT_KEY.eq(ReferralRepository.DEFAULT_KEY))
                        .and(REFERRAL_CAMPAIGN.ID.ne(id)).execute();
            }
            values.put(REFERRAL_CAMPAIGN.DEFAULT_KEY, isDefault ? ReferralRepository.DEFAULT_KEY : null);
            var existing = dsl.selectFrom(REFERRAL_CAMPAIGN).where(REFERRAL_CAMPAIGN.ID.eq(id)).fetchOptional();
            if (existing.isEmpty()) {
                dsl.insertInto(REFERRAL_CAMPAIGN).set(values).set(REFERRAL_CAMPAIGN.ID, id)
                        .set(REFERRAL_CAMPAIGN.LAST_CHANGE, now).execute();
            } else if (values.entrySet().stream().anyMatch(e -> !same(existing.get().get(e.getKey()), e.getValue()))) {
                dsl.update(REFERRAL_CAMPAIGN).set(values).set(REFERRAL_CAMPAIGN.LAST_CHANGE, now)
                        .where(REFERRAL_CAMPAIGN.ID.eq(id)).execute();
            }
        }
    }

    /** The columns of a campaign definition, checked. */
    private Map<Field<?>, Object> values(CampaignDefinition c, String where) {
        String textId = require(c.textId(), where + ": text_id");
        CodeFormat format = c.code() == null ? new CodeFormat(null, null, null) : c.code();
        String prefix = format.prefix() == null ? "" : format.prefix();
        if (!prefix.matches("[A-Z0-9-]{0,20}")) {
            throw new IllegalStateException(where + ": code.prefix must be at most 20 upper-case letters, digits or '-'");
        }
        int length = format.length() == null ? ReferralCodeFormat.DEFAULT_LENGTH : format.length();
        if (length < ReferralCodeFormat.MIN_LENGTH || length > ReferralCodeFormat.MAX_LENGTH) {
            throw new IllegalStateException(where + ": code.length must be " + ReferralCodeFormat.MIN_LENGTH + " to "
                    + ReferralCodeFormat.MAX_LENGTH);
        }
        String alphabet = format.alphabet() == null ? ReferralCodeFormat.DEFAULT_ALPHABET : format.alphabet();
        if (!alphabet.matches("[A-Z0-9]{2,100}") || alphabet.chars().distinct().count() != alphabet.length()) {
            throw new IllegalStateException(where + ": code.alphabet must be distinct upper-case letters and digits");
        }
        if (ReferralCodeFormat.bits(alphabet, length) < ReferralCodeFormat.MIN_BITS) {
            throw new IllegalStateException(where + ": codes of " + length + " characters of a " + alphabet.length()
                    + "-character alphabet could be guessed; make them longer or the alphabet larger");
        }
        LocalDate from = date(c.validFrom(), where + ": valid_from");
        LocalDate to = date(c.validTo(), where + ": valid_to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalStateException(where + ": valid_to is before valid_from");
        }
        if (c.codeValidityDays() != null && c.codeValidityDays() <= 0) {
            throw new IllegalStateException(where + ": code_validity_days must be positive");
        }
        String relationType = relationType(require(c.relationType(), where + ": relation_type"), where);
        int state = c.state() == null ? 1 : c.state();
        if (state < 0 || state > 2) {
            throw new IllegalStateException(where + ": state must be 0, 1 or 2");
        }
        Incentives incentives = c.incentives() == null ? new Incentives(null, null, null) : c.incentives();
        Incentive referrer = incentives.referrer() == null ? new Incentive(null, null, null) : incentives.referrer();
        Incentive referred = incentives.referred() == null ? new Incentive(null, null, null) : incentives.referred();
        String partner = null;
        if (referrer.points() != null || referred.points() != null) {
            String given = require(incentives.partner(), where + ": incentives.partner (the partner giving the points)");
            partner = resolve(given, "partner", id -> !stores.existingPartners(List.of(id)).isEmpty())
                    .orElseThrow(() -> new IllegalStateException(where + ": incentives.partner: no partner " + given));
        }

        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(REFERRAL_CAMPAIGN.TEXT_ID, textId);
        values.put(REFERRAL_CAMPAIGN.NAME, c.name() == null || c.name().isBlank() ? textId : c.name());
        values.put(REFERRAL_CAMPAIGN.CODE_PREFIX, prefix);
        values.put(REFERRAL_CAMPAIGN.CODE_LENGTH, length);
        values.put(REFERRAL_CAMPAIGN.CODE_ALPHABET, alphabet);
        values.put(REFERRAL_CAMPAIGN.STARTS_AT, from == null ? null
                : from.atStartOfDay(clock.getZone()).toOffsetDateTime());
        values.put(REFERRAL_CAMPAIGN.ENDS_AT, to == null ? null
                : to.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toOffsetDateTime());
        values.put(REFERRAL_CAMPAIGN.CODE_VALIDITY_DAYS, c.codeValidityDays());
        values.put(REFERRAL_CAMPAIGN.RELATION_TYPE_ID, relationType);
        values.put(REFERRAL_CAMPAIGN.REFERRER_POINTS, points(referrer, where + ": incentives.referrer"));
        values.put(REFERRAL_CAMPAIGN.REFERRER_POINT_TYPE_ID, pointType(referrer, where + ": incentives.referrer"));
        values.put(REFERRAL_CAMPAIGN.REFERRER_REWARD_ID, reward(referrer, where + ": incentives.referrer"));
        values.put(REFERRAL_CAMPAIGN.REFERRED_POINTS, points(referred, where + ": incentives.referred"));
        values.put(REFERRAL_CAMPAIGN.REFERRED_POINT_TYPE_ID, pointType(referred, where + ": incentives.referred"));
        values.put(REFERRAL_CAMPAIGN.REFERRED_REWARD_ID, reward(referred, where + ": incentives.referred"));
        values.put(REFERRAL_CAMPAIGN.POINTS_PARTNER_ID, partner);
        values.put(REFERRAL_CAMPAIGN.STATE, state);
        return values;
    }

    private String relationType(String given, String where) {
        String id = lookups.idOf(LookupKind.CUSTOMER_RELATION_TYPES, given)
                .or(() -> lookups.exists(LookupKind.CUSTOMER_RELATION_TYPES, given) ? Optional.of(given)
                        : Optional.empty())
                .orElseThrow(() -> new IllegalStateException(where + ": relation_type: no customer relation type "
                        + given));
        if (!lookups.isActive(LookupKind.CUSTOMER_RELATION_TYPES, id)) {
            throw new IllegalStateException(where + ": relation_type: the customer relation type " + given
                    + " is not active");
        }
        return id;
    }

    private static BigDecimal points(Incentive incentive, String where) {
        if (incentive.points() != null && incentive.points().signum() <= 0) {
            throw new IllegalStateException(where + ".points must be positive");
        }
        return incentive.points();
    }

    /**
     * The point type of an incentive with points: the one named (id or text id), or null for the default one; the
     * points must fit the type's decimal places.
     */
    private String pointType(Incentive incentive, String where) {
        if (incentive.points() == null) {
            if (incentive.pointType() != null) {
                throw new IllegalStateException(where + ": point_type without points");
            }
            return null;
        }
        List<LoyaltyLedger.TypeInfo> types = ledger.pointTypes();
        LoyaltyLedger.TypeInfo type = types.stream()
                .filter(t -> incentive.pointType() == null ? t.isDefault()
                        : t.typeId().equals(incentive.pointType()) || incentive.pointType().equals(t.textId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(where + (incentive.pointType() == null
                        ? ": no point_type and the project has no default point type"
                        : ".point_type: no point type " + incentive.pointType())));
        if (incentive.points().stripTrailingZeros().scale() > type.decimals()) {
            throw new IllegalStateException(where + ".points: the point type takes " + type.decimals()
                    + " decimal places");
        }
        // left out: the default point type when the points are granted
        return incentive.pointType() == null ? null : type.typeId();
    }

    /** The reward of an incentive's voucher (code or id); a cash-desk reward (group 0) has no vouchers. */
    private String reward(Incentive incentive, String where) {
        if (incentive.reward() == null) {
            return null;
        }
        Language language = language();
        String id = resolve(incentive.reward(), "reward", r -> found(() -> rewards.reward(r, language)).isPresent())
                .orElseThrow(() -> new IllegalStateException(where + ".reward: no reward " + incentive.reward()));
        Integer group = found(() -> rewards.reward(id, language).rewardGroup()).orElse(null);
        if (group != null && group == 0) {
            throw new IllegalStateException(where + ".reward: " + incentive.reward()
                    + " is a cash-desk reward, which has no vouchers");
        }
        return id;
    }

    /** What a look-up answers; empty when it answers an error (in a savepoint, so the import goes on). */
    private <T> Optional<T> found(Supplier<T> lookup) {
        try {
            return Optional.ofNullable(nested.execute(status -> lookup.get()));
        } catch (ApiError notFound) {
            return Optional.empty();
        }
    }

    /** An id as given, or the stable id of a natural key (a text id, a reward code). */
    private static Optional<String> resolve(String value, String kind, java.util.function.Predicate<String> exists) {
        if (exists.test(value)) {
            return Optional.of(value);
        }
        String stable = Ids.stable(kind, value);
        return exists.test(stable) ? Optional.of(stable) : Optional.empty();
    }

    private Language language() {
        return new Language(languages.defaultLanguage(), languages.defaultLanguage());
    }

    /** A date of the file: "YYYY-MM-DD" (an unquoted YAML date arrives as a timestamp). */
    private static LocalDate date(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong()).atOffset(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(what + " must be a date YYYY-MM-DD");
        }
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(what + " is required");
        }
        return value;
    }

    /** Whether a stored value equals the imported one (numbers by value, instants by instant). */
    private static boolean same(Object stored, Object imported) {
        if (stored instanceof BigDecimal a && imported instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (stored instanceof OffsetDateTime a && imported instanceof OffsetDateTime b) {
            return a.isEqual(b);
        }
        return Objects.equals(stored, imported);
    }
}
