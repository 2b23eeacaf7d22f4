package io.patron.loyalty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.store.StoreQueries;

/**
 * Imports the ledger's part of the project file; the file owns these (the API only reads them), so a later import
 * updates them:
 * <pre>
 * point_types:
 *   - text_id: club_points            # the key; the id is derived from it unless `id` is given
 *     name: { en: Club points, cs: Klubové body }
 *     is_default: true                # the type of requests that name none (one per kind; else the first)
 *     expiry_policy: end_of_year      # never | days | months | end_of_month | end_of_quarter | end_of_year
 *     expiry_period: 1                # N days / months, or N months / quarters / years later for end_of_*
 *     pending_days: 14                # not spendable for this many days (0: at once)
 *     decimals: 0                     # decimal places an amount may have
 * credit_types:                       # the same fields; decimals default to 2
 *   - text_id: gift_credit
 * loyalty_settings:
 *   - credit_actions: enabled         # deposit-/reduce-/transfer-credits (disabled when absent)
 *     default_partner: patron_demo    # partner id or text id: synchronize-points without a partner_id
 * </pre>
 * Also seeds the translated names of the movement operations.
 */
@Component
class LoyaltyProjectImport implements ProjectImport {

    record TypeDefinition(String id, String textId, Object name, Boolean isDefault,
                          String expiryPolicy, Integer expiryPeriod, Integer pendingDays, Integer decimals) {
    }

    record Settings(String creditActions, String defaultPartner) {
    }

    private final LedgerRepository repository;
    private final Translations translations;
    private final StoreQueries stores;
    private final PatronProperties settings;
    private final Clock clock;

    LoyaltyProjectImport(LedgerRepository repository, Translations translations, StoreQueries stores,
                         PatronProperties settings, Clock clock) {
        this.repository = repository;
        this.translations = translations;
        this.stores = stores;
        this.settings = settings;
        this.clock = clock;
    }

    /** After stores and partners (the default partner refers to one). */
    @Override
    public int order() {
        return 30;
    }

    @Override
    public void apply(ProjectFile file) {
        translations.seedMissing(Operation.NAME_ENTITY, Operation.names());
        OffsetDateTime now = OffsetDateTime.now(clock);
        types(file, "point_types", LoyaltyType.Kind.POINT, 0, now);
        types(file, "credit_types", LoyaltyType.Kind.CREDIT, 2, now);
        List<Settings> all = file.section("loyalty_settings", Settings.class);
        for (int i = 0; i < all.size(); i++) {
            Settings s = all.get(i);
            String where = "Section 'loyalty_settings' of " + file.location() + ", item " + (i + 1);
            if (s.creditActions() != null) {
                String value = s.creditActions().toLowerCase(Locale.ROOT);
                if (!value.equals("enabled") && !value.equals("disabled")) {
                    throw new IllegalStateException(where + ": credit_actions must be enabled or disabled");
                }
                repository.putSetting(LedgerService.CREDIT_ACTIONS_SWITCH, value, now);
            }
            if (s.defaultPartner() != null) {
                String id = s.defaultPartner();
                if (stores.existingPartners(List.of(id)).isEmpty()) {
                    id = Ids.stable("partner", s.defaultPartner());
                    if (stores.existingPartners(List.of(id)).isEmpty()) {
                        throw new IllegalStateException(where + ": no partner " + s.defaultPartner());
                    }
                }
                repository.putSetting(LedgerService.DEFAULT_PARTNER_SETTING, id, now);
            }
        }
    }

    private void types(ProjectFile file, String section, LoyaltyType.Kind kind, int defaultScale,
                       OffsetDateTime now) {
        List<TypeDefinition> types = file.section(section, TypeDefinition.class);
        for (int i = 0; i < types.size(); i++) {
            TypeDefinition t = types.get(i);
            String where = "Section '" + section + "' of " + file.location() + ", item " + (i + 1);
            if (t.textId() == null || t.textId().isBlank()) {
                throw new IllegalStateException(where + ": text_id is required");
            }
            ExpiryPolicy policy;
            try {
                policy = t.expiryPolicy() == null ? ExpiryPolicy.NEVER : ExpiryPolicy.of(t.expiryPolicy());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": expiry_policy must be never, days, months, end_of_month,"
                        + " end_of_quarter or end_of_year");
            }
            int period = t.expiryPeriod() == null ? 0 : t.expiryPeriod();
            int pending = t.pendingDays() == null ? 0 : t.pendingDays();
            int scale = t.decimals() == null ? defaultScale : t.decimals();
            if (period < 0 || pending < 0 || scale < 0 || scale > 4
                    || (period == 0 && (policy == ExpiryPolicy.DAYS || policy == ExpiryPolicy.MONTHS))) {
                throw new IllegalStateException(where + ": expiry_period (positive for days and months),"
                        + " pending_days must not be negative, decimals 0 to 4");
            }
            String id = repository.typeIdByTextId(kind, t.textId()).orElse(
                    t.id() == null || t.id().isBlank() ? Ids.stable(kind.code() + "_type", t.textId()) : t.id());
            boolean flagged = Boolean.TRUE.equals(t.isDefault());
            boolean wasDefault = repository.type(id).map(LoyaltyType::isDefault).orElse(false);
            LoyaltyType type = new LoyaltyType(id, kind, t.textId(), flagged || wasDefault, policy, period, pending,
                    scale);
            boolean changed = repository.upsertType(type, now);
            if (flagged) {
                repository.makeDefault(kind, id, now);
            }
            if (translations.put(LedgerRepository.TYPE_NAME, id,
                    ProjectFile.texts(t.name() == null ? t.textId() : t.name(), settings.languages())) && !changed) {
                repository.touchType(id, now);
            }
        }
        if (!types.isEmpty() && repository.defaultType(kind).isEmpty()) {
            repository.makeDefault(kind, repository.typeIdByTextId(kind, types.getFirst().textId()).orElseThrow(), now);
        }
    }
}
