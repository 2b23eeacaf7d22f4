package io.patron.card;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.IN;
import static io.patron.card.CardTypeRepository.CARD_TYPE_NAME;
import static io.patron.db.Tables.CARD_TYPE;

import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.common.Ids;

/**
 * Card types: reads, and the rules of writing them. The prefix of the card numbers is what tells
 * card types apart, so it is unique; the text id is read-only, derived from the name at creation
 * and kept when the name changes.
 */
@Service
@Transactional
public class CardTypeService implements CardTypeDirectory {

    public record CardType(String cardTypeId, String textId, String name, String prefix) {
    }

    private static final String BODY = "card_type";

    private final CardTypeRepository repository;
    private final ListQueries lists;
    private final Translations translations;
    private final Clock clock;

    CardTypeService(CardTypeRepository repository, ListQueries lists, Translations translations, Clock clock) {
        this.repository = repository;
        this.lists = lists;
        this.translations = translations;
        this.clock = clock;
    }

    private static Field<String> name(Language language) {
        // the text id stands in for a name nobody gave, as the contract requires a name
        return DSL.coalesce(Translations.text(CARD_TYPE_NAME, CARD_TYPE.ID, language), CARD_TYPE.TEXT_ID);
    }

    private static ListSpec<CardType> spec(Language language) {
        return ListSpec.<CardType>from(CARD_TYPE)
                .id("card_type_id", CARD_TYPE.ID)
                .field("text_id", CARD_TYPE.TEXT_ID)
                .field("name", name(language), CONTAINS)
                .field("prefix", CARD_TYPE.PREFIX)
                .filter("text_id", CARD_TYPE.TEXT_ID, IN)
                .map(r -> r.into(CardType.class));
    }

    /** {@code GET /card-types}: the name matches in part, text ids exactly (any of them). */
    @Transactional(readOnly = true)
    public Page<CardType> list(ListParams params, Language language) {
        return lists.page(spec(language), params);
    }

    @Transactional(readOnly = true)
    public CardType one(String id, Language language) {
        return lists.one(spec(language), CARD_TYPE.ID.eq(id)).orElseThrow(() -> ApiError.notFound("card-types", id));
    }

    /** {@code POST /card-types}: the new card type's id. */
    public String create(CardRequests.CardTypeInput input, Language language) {
        requireFreePrefix(input.prefix(), null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = Ids.newId();
        String base = slug(input.name());
        for (int n = 1; ; n++) {
            String textId = n == 1 ? base : n <= 1000 ? base + "_" + n : base + "_" + Ids.newId();
            try {
                if (repository.insert(id, textId, input.prefix(), now)) {
                    break;
                }
            } catch (DataIntegrityViolationException e) {
                // PostgreSQL's ON CONFLICT skips a text id taken meanwhile; H2's emulation of it fails
                // the statement instead (and only the statement), so the next text id is tried all the same.
                if (!violated(e, "ux_card_type_text_id")) {
                    throw duplicatePrefix(e);
                }
            }
        }
        translations.put(CARD_TYPE_NAME, id, Map.of(language.id(), input.name()));
        return id;
    }

    /** {@code PUT /card-types/{id}}: the name (in the request's language) and the prefix. */
    public void replace(String id, CardRequests.CardTypeInput input, Language language) {
        requireCardType(id);
        requireFreePrefix(input.prefix(), id);
        try {
            repository.update(id, input.prefix(), OffsetDateTime.now(clock));
        } catch (DataIntegrityViolationException e) {
            throw duplicatePrefix(e);
        }
        translations.put(CARD_TYPE_NAME, id, Map.of(language.id(), input.name()));
    }

    /** Whether the id names a card type (cards check theirs through {@link CardTypeDirectory}). */
    @Override
    @Transactional(readOnly = true)
    public boolean exists(String cardTypeId) {
        return cardTypeId != null && repository.exists(cardTypeId);
    }

    private void requireCardType(String id) {
        if (!repository.exists(id)) {
            throw ApiError.notFound("card-types", id);
        }
    }

    private void requireFreePrefix(String prefix, String exceptId) {
        if (repository.prefixTaken(prefix, exceptId)) {
            throw prefixTaken();
        }
    }

    private static ApiError prefixTaken() {
        return ApiError.badRequest(BODY + ".prefix", Reason.ALREADY_EXISTS, "Another card type has this prefix");
    }

    /** Two requests that passed the check at the same time: the unique constraint refuses the second. */
    private static ApiError duplicatePrefix(DataIntegrityViolationException e) {
        if (violated(e, "ux_card_type_prefix")) {
            return prefixTaken();
        }
        throw e;
    }

    private static boolean violated(DataIntegrityViolationException e, String constraint) {
        return String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT).contains(constraint);
    }

    /** A readable text id from a name: "Karta Věrnost+" becomes {@code karta_vernost}. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            slug = "card_type";
        }
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
