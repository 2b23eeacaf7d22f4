package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.ApiTest;

/** Texts of rows in several languages, and their removal with the row. */
class TranslationsTest extends ApiTest {

    @Autowired
    Translations translations;
    @Autowired
    DSLContext dsl;

    private String text(String entity, String id, String language) {
        return dsl.select(Translations.text(entity, org.jooq.impl.DSL.inline(id), new Language(language, "en")))
                .fetchOne(0, String.class);
    }

    @Test
    void anOwnersTextsAreDeletedWithIt() {
        translations.put("gadget.name", "g1", Map.of("en", "Lamp", "cs", "Lampa"));
        translations.put("gadget.description", "g1", Map.of("en", "Bright"));
        translations.put("gadget.name", "g2", Map.of("en", "Chair"));
        translations.put("other.name", "g1", Map.of("en", "Kept"));

        assertThat(translations.deleteAllOf("g1", "gadget.name", "gadget.description")).isEqualTo(3);
        assertThat(text("gadget.name", "g1", "cs")).isNull();
        assertThat(text("gadget.description", "g1", "en")).isNull();
        assertThat(text("gadget.name", "g2", "en")).isEqualTo("Chair");
        assertThat(text("other.name", "g1", "en")).isEqualTo("Kept");
    }
}
