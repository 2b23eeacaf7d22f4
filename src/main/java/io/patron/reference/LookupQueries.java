package io.patron.reference;

import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.LOOKUP;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;

/**
 * Reads of every {@link LookupKind}: one list and one detail operation, shaped per kind.
 * Without {@code sort_field} a list keeps the order the project file gave.
 */
@Service
@Transactional(readOnly = true)
public class LookupQueries {

    private final ListQueries lists;
    private final DSLContext dsl;
    private final Clock clock;
    private final ReferenceCache cache;

    LookupQueries(ListQueries lists, DSLContext dsl, Clock clock, ReferenceCache cache) {
        this.lists = lists;
        this.dsl = dsl;
        this.clock = clock;
        this.cache = cache;
    }

    /** A lookup's id, text id and state: what the checks of other capabilities ask about. */
    private record Key(String id, String textId, Integer state) {
    }

    private <R> ListSpec<R> spec(LookupKind<R> kind, Language language) {
        ListSpec<R> spec = ListSpec.<R>from(LOOKUP)
                .id(kind.idField(), LOOKUP.ID)
                .field("name", name(kind, language));
        if (kind.filtersByTextId()) {
            spec.filter("text_id", LOOKUP.TEXT_ID, EQ);
        }
        if (kind.filtersByName()) {
            spec.filter("name", name(kind, language), CONTAINS);
        }
        if (kind.hasCommunicationChannel()) {
            // an unknown channel matches nothing, as any other exact filter
            spec.filter("communication_channel_id", LOOKUP.COMMUNICATION_CHANNEL_ID, EQ);
        }
        if (kind.showsTextId()) {
            spec.field("text_id", LOOKUP.TEXT_ID);
        }
        if (kind.showsLastChange()) {
            spec.field("last_change", ApiTime.local(LOOKUP.LAST_CHANGE, clock));
        }
        if (kind.showsState()) {
            spec.field("state", LOOKUP.STATE);
        }
        for (String text : kind.texts()) {
            spec.field(text, Translations.text(kind.textEntity(text), LOOKUP.ID, language));
        }
        if (kind.hasCommunicationChannel()) {
            spec.field("communication_channel_id", LOOKUP.COMMUNICATION_CHANNEL_ID);
        }
        return spec.defaultOrder(LOOKUP.POSITION).map(r -> {
            Map<String, String> texts = new HashMap<>();
            kind.texts().forEach(text -> texts.put(text, r.get(text, String.class)));
            return kind.shape(new LookupKind.Row(r.get(kind.idField(), String.class),
                    kind.showsTextId() ? r.get("text_id", String.class) : null,
                    r.get("name", String.class),
                    kind.showsLastChange() ? r.get("last_change", LocalDateTime.class) : null,
                    kind.showsState() ? r.get("state", Integer.class) : null,
                    texts,
                    kind.hasCommunicationChannel() ? r.get("communication_channel_id", String.class) : null));
        });
    }

    // the text id stands in for a name nobody gave, as every kind's schema requires a name
    private static Field<String> name(LookupKind<?> kind, Language language) {
        return DSL.coalesce(Translations.text(kind.nameEntity(), LOOKUP.ID, language), LOOKUP.TEXT_ID);
    }

    public <R> Page<R> list(LookupKind<R> kind, ListParams params, Language language) {
        return cache.get(ReferenceCache.listKey("lookups:" + kind.kind(), params, language),
                () -> lists.page(spec(kind, language), params, LOOKUP.KIND.eq(kind.kind())));
    }

    public <R> R one(LookupKind<R> kind, String id, Language language) {
        Optional<R> found = cache.get("lookup:" + kind.kind() + '|' + language.id() + '/' + language.fallback()
                        + '|' + id,
                () -> lists.one(spec(kind, language), LOOKUP.KIND.eq(kind.kind()).and(LOOKUP.ID.eq(id))));
        return found.orElseThrow(() -> ApiError.notFound(kind.resource(), id));
    }

    /** Whether {@code id} names a lookup of this kind (for capabilities that reference lookups). */
    public boolean exists(LookupKind<?> kind, String id) {
        return id != null && keys(kind).containsKey(id);
    }

    /** Those of {@code ids} that name a lookup of this kind (a request naming several). */
    public Set<String> existing(LookupKind<?> kind, Collection<String> ids) {
        Map<String, Key> keys = keys(kind);
        return ids.stream().filter(keys::containsKey).collect(Collectors.toSet());
    }

    /** Whether {@code id} names an active (state 1) lookup of this kind, e.g. a relation type new relations may use. */
    public boolean isActive(LookupKind<?> kind, String id) {
        Key key = id == null ? null : keys(kind).get(id);
        return key != null && Integer.valueOf(1).equals(key.state());
    }

    /** The id of the lookup with this text id, e.g. the purchase item type {@code cancel}. */
    public Optional<String> idOf(LookupKind<?> kind, String textId) {
        return keys(kind).values().stream().filter(k -> Objects.equals(k.textId(), textId)).map(Key::id)
                .findFirst();
    }

    /** Every lookup of the kind by id, from memory (a few dozen per kind). */
    private Map<String, Key> keys(LookupKind<?> kind) {
        return cache.get("lookups:" + kind.kind() + ":keys", () -> {
            Map<String, Key> keys = new LinkedHashMap<>();
            dsl.select(LOOKUP.ID, LOOKUP.TEXT_ID, LOOKUP.STATE).from(LOOKUP).where(LOOKUP.KIND.eq(kind.kind()))
                    .orderBy(LOOKUP.POSITION, LOOKUP.ID)
                    .forEach(r -> keys.put(r.value1(), new Key(r.value1(), r.value2(), r.value3())));
            return java.util.Collections.unmodifiableMap(keys);
        });
    }
}
