package io.patron.card;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import static io.patron.card.CardTypeRepository.CARD_TYPE_NAME;

import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports the card types of the project file:
 * <pre>
 * card_types:
 *   - text_id: loyalty_card      # the key; the id is derived from it unless `id` is given
 *     name: { en: Loyalty card, cs: Věrnostní karta }
 *     prefix: "2900"
 * </pre>
 * A card type is created when its text id is new; afterwards the API owns its name and prefix
 * (PUT /card-types/{id}), so a later import leaves it as it is.
 */
@Component
class CardProjectImport implements ProjectImport {

    record CardTypeDefinition(String id, String textId, Object name, String prefix) {
    }

    private final CardTypeRepository repository;
    private final Translations translations;
    private final PatronProperties settings;
    private final Clock clock;

    CardProjectImport(CardTypeRepository repository, Translations translations, PatronProperties settings,
                      Clock clock) {
        this.repository = repository;
        this.translations = translations;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<CardTypeDefinition> types = file.section("card_types", CardTypeDefinition.class);
        for (int i = 0; i < types.size(); i++) {
            CardTypeDefinition type = types.get(i);
            String where = "Section 'card_types' of " + file.location() + ", item " + (i + 1);
            if (type.textId() == null || type.textId().isBlank() || type.prefix() == null || type.prefix().isBlank()) {
                throw new IllegalStateException(where + ": text_id and prefix are required");
            }
            if (repository.idByTextId(type.textId()).isPresent()) {
                continue;
            }
            String id = type.id() == null || type.id().isBlank() ? Ids.stable("card_type", type.textId()) : type.id();
            if (repository.prefixTaken(type.prefix(), null) || repository.exists(id)) {
                throw new IllegalStateException(where + ": the prefix " + type.prefix() + " or the id " + id
                        + " belongs to another card type");
            }
            repository.insert(id, type.textId(), type.prefix(), now);
            translations.put(CARD_TYPE_NAME, id,
                    ProjectFile.texts(type.name() == null ? type.textId() : type.name(), settings.languages()));
        }
    }
}
