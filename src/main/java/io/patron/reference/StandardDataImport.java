package io.patron.reference;

import static io.patron.db.Tables.COUNTRY;
import static io.patron.db.Tables.CURRENCY;
import static io.patron.db.Tables.LANGUAGE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Seeds the standard data from the JDK rather than from hand-typed lists: countries (ISO 3166),
 * the project's currencies (ISO 4217) and languages (ISO 639-1), with names in every active
 * language (CLDR data). The project's settings decide what is active; a bad code stops the start,
 * because a project with an unknown currency or language cannot serve correct answers.
 */
@Component
class StandardDataImport implements ProjectImport {

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    StandardDataImport(DSLContext dsl, Translations translations, PatronProperties properties, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return -100;
    }

    @Override
    public void apply(ProjectFile file) {
        // settings first, so that a bad one stops the start before anything is written
        Set<String> currencies = activeCurrencies();
        Set<String> languages = activeLanguages();
        countries();
        currencies(currencies);
        languages(languages);
    }

    /** Every country the JDK knows; the configured ones active (state 1), the others inactive (0). */
    private void countries() {
        Set<String> iso = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
        Set<String> existing = dsl.select(COUNTRY.ID).from(COUNTRY).fetchSet(COUNTRY.ID);
        List<String> active = properties.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        var insert = dsl.insertInto(COUNTRY, COUNTRY.ID, COUNTRY.STATE);
        boolean any = false;
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (String code : iso) {
            if (!existing.contains(code)) {
                insert = insert.values(code, 1);
                any = true;
            }
            Map<String, String> byLanguage = new LinkedHashMap<>();
            for (String language : properties.languages()) {
                byLanguage.put(language, Locale.of("", code).getDisplayCountry(Locale.forLanguageTag(language)));
            }
            names.put(code, byLanguage);
        }
        if (any) {
            insert.execute();
        }
        translations.seedMissing("country.name", names);
        if (active.isEmpty()) {
            dsl.update(COUNTRY).set(COUNTRY.STATE, 1).where(COUNTRY.STATE.ne(1)).execute();
        } else {
            dsl.update(COUNTRY).set(COUNTRY.STATE, 1).where(COUNTRY.ID.in(active)).execute();
            dsl.update(COUNTRY).set(COUNTRY.STATE, 0).where(COUNTRY.ID.notIn(active)).execute();
        }
    }

    /**
     * The project currency and the extra ones: active. A currency dropped from the settings keeps
     * its row (and id) but is no longer active.
     */
    private void currencies(Set<String> active) {
        Set<String> existing = dsl.select(CURRENCY.CODE).from(CURRENCY).fetchSet(CURRENCY.CODE);
        for (String code : active) {
            if (!existing.contains(code)) {
                dsl.insertInto(CURRENCY, CURRENCY.ID, CURRENCY.CODE, CURRENCY.ACTIVE)
                        .values(CurrencyQueries.currencyId(code), code, true).execute();
            }
        }
        dsl.update(CURRENCY).set(CURRENCY.ACTIVE, true)
                .where(CURRENCY.CODE.in(active)).and(CURRENCY.ACTIVE.isFalse()).execute();
        dsl.update(CURRENCY).set(CURRENCY.ACTIVE, false)
                .where(CURRENCY.CODE.notIn(active)).and(CURRENCY.ACTIVE.isTrue()).execute();

        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (String code : active) {
            Map<String, String> byLanguage = new LinkedHashMap<>();
            for (String language : properties.languages()) {
                byLanguage.put(language, Currency.getInstance(code).getDisplayName(Locale.forLanguageTag(language)));
            }
            names.put(CurrencyQueries.currencyId(code), byLanguage);
        }
        translations.seedMissing("currency.name", names);
    }

    private Set<String> activeCurrencies() {
        Set<String> active = new LinkedHashSet<>();
        active.add(currencyCode(properties.currency(), "patron.currency"));
        properties.currencies().forEach(c -> active.add(currencyCode(c, "patron.currencies")));
        return active;
    }

    private static String currencyCode(String code, String setting) {
        String normalized = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(normalized).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": '" + code + "' is not an ISO 4217 currency code");
        }
    }

    /**
     * The configured languages: active (state 1) and on every language list. A language dropped
     * from the settings becomes non-active (state 2). The last change moves only on a real change.
     */
    private Set<String> activeLanguages() {
        Set<String> iso = Set.of(Locale.getISOLanguages());
        List<String> configured = properties.languages().isEmpty() ? List.of(properties.defaultLanguage())
                : properties.languages();
        Set<String> active = new LinkedHashSet<>();
        for (String language : configured) {
            String code = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
            if (!iso.contains(code)) {
                throw new IllegalStateException("patron.languages: '" + language + "' is not an ISO 639-1 language code");
            }
            active.add(code);
        }
        return active;
    }

    private void languages(Set<String> active) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> existing = dsl.select(LANGUAGE.ID).from(LANGUAGE).fetchSet(LANGUAGE.ID);
        for (String code : active) {
            if (!existing.contains(code)) {
                dsl.insertInto(LANGUAGE, LANGUAGE.ID, LANGUAGE.STATE, LANGUAGE.CARECLOUD_API, LANGUAGE.WEB_PORTAL,
                                LANGUAGE.CUSTOMER_COMMUNICATION, LANGUAGE.LAST_CHANGE)
                        .values(code, 1, true, true, true, now).execute();
            }
        }
        dsl.update(LANGUAGE)
                .set(LANGUAGE.STATE, 1).set(LANGUAGE.CARECLOUD_API, true).set(LANGUAGE.WEB_PORTAL, true)
                .set(LANGUAGE.CUSTOMER_COMMUNICATION, true).set(LANGUAGE.LAST_CHANGE, now)
                .where(LANGUAGE.ID.in(active))
                .and(LANGUAGE.STATE.ne(1).or(LANGUAGE.CARECLOUD_API.isFalse()).or(LANGUAGE.WEB_PORTAL.isFalse())
                        .or(LANGUAGE.CUSTOMER_COMMUNICATION.isFalse()))
                .execute();
        dsl.update(LANGUAGE).set(LANGUAGE.STATE, 2).set(LANGUAGE.LAST_CHANGE, now)
                .where(LANGUAGE.ID.notIn(active)).and(LANGUAGE.STATE.eq(1)).execute();
    }
}
