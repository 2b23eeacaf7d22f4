package io.patron.reference;

import static io.patron.reference.ReferenceTables.*;

import java.util.LinkedHashMap;
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
 * Seeds countries from the JDK's ISO 3166 tables with names in every active language (CLDR
 * data), and marks the project's chosen countries active (state 1) and the others inactive (0).
 */
@Component
class StandardDataImport implements ProjectImport {

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties properties;

    StandardDataImport(DSLContext dsl, Translations translations, PatronProperties properties) {
        this.dsl = dsl;
        this.translations = translations;
        this.properties = properties;
    }

    @Override
    public int order() {
        return -100;
    }

    @Override
    public void apply(ProjectFile file) {
        Set<String> iso = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
        Set<String> existing = dsl.select(COUNTRY_ID).from(COUNTRY).fetchSet(COUNTRY_ID);
        List<String> active = properties.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        var insert = dsl.insertInto(COUNTRY, COUNTRY_ID, COUNTRY_STATE);
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
            dsl.update(COUNTRY).set(COUNTRY_STATE, 1).where(COUNTRY_STATE.ne(1)).execute();
        } else {
            dsl.update(COUNTRY).set(COUNTRY_STATE, 1).where(COUNTRY_ID.in(active)).execute();
            dsl.update(COUNTRY).set(COUNTRY_STATE, 0).where(COUNTRY_ID.notIn(active)).execute();
        }
    }
}
