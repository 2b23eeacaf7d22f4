package io.patron.reference;

import static io.patron.db.Tables.LOOKUP;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.ImportRun;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports the lookup sections of a project file ({@code payment_types}, {@code purchase_types} ...,
 * one per {@link LookupKind}). The text id is the natural key: an item is added once and updated
 * on later starts; its last change moves only when its name or position really changed. Items are
 * never deleted here, because purchases and customers may still reference them.
 * <p>
 * An item that a later file of the same run repeats (a project file renaming a default item) is written once, by
 * the last file that names it, with what the earlier files gave that the last one leaves out: the run writes the
 * item as it ends up, and an item it leaves as it was is not written at all (its last change stays).
 */
@Component
class LookupImport implements ProjectImport {

    /**
     * One item of a lookup section. {@code id} is optional: without it the id is derived from the
     * text id, so every node and every restart agree; with it a project keeps the ids it already
     * uses elsewhere (e.g. migrated from CareCloud). {@code position} defaults to the item's index,
     * {@code state} to 1 (active); only kinds that show a state use it (0 deleted, 2 inactive).
     * Agreements also take {@code text} and {@code withdrawal_text} (translated like the name) and
     * {@code communication_channel}, a channel's text id; left out, these keep what an earlier file gave.
     */
    record Definition(String id, String textId, Object name, Integer position, Integer state, Object text,
                      Object withdrawalText, String communicationChannel) {

        Object textOf(String field) {
            return switch (field) {
                case "text" -> text;
                case "withdrawal_text" -> withdrawalText;
                default -> throw new IllegalArgumentException(field);
            };
        }
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    LookupImport(DSLContext dsl, Translations translations, PatronProperties properties, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return -90;
    }

    @Override
    public void apply(ProjectFile file) {
        apply(file, ImportRun.of(file));
    }

    @Override
    public void apply(ProjectFile file, ImportRun run) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (LookupKind<?> kind : LookupKind.ALL) {
            List<Definition> items = file.section(kind.plural(), Definition.class);
            Set<String> repeatedLater = new HashSet<>();
            run.after(file).forEach(later -> later.section(kind.plural(), Definition.class)
                    .forEach(d -> repeatedLater.add(d.textId())));
            List<Definition> earlier = new ArrayList<>();
            run.before(file).forEach(before -> earlier.addAll(before.section(kind.plural(), Definition.class)));
            for (int i = 0; i < items.size(); i++) {
                Definition item = items.get(i);
                if (item.textId() != null && repeatedLater.contains(item.textId()) && exists(kind, item.textId())) {
                    // written by the last file that names it
                    continue;
                }
                importItem(file, kind, asItEndsUp(item, earlier), i, now);
            }
        }
    }

    private boolean exists(LookupKind<?> kind, String textId) {
        return dsl.fetchExists(LOOKUP, LOOKUP.KIND.eq(kind.kind()).and(LOOKUP.TEXT_ID.eq(textId)));
    }

    /**
     * The item with what earlier files of the run gave it and it leaves out, as importing them one after the other
     * would leave it: names and texts per language, the communication channel. Its id, position and state are its own.
     */
    private Definition asItEndsUp(Definition item, List<Definition> earlier) {
        List<Definition> same = earlier.stream().filter(d -> Objects.equals(d.textId(), item.textId())).toList();
        if (same.isEmpty() || item.textId() == null) {
            return item;
        }
        List<String> languages = properties.languages();
        Map<String, String> name = new LinkedHashMap<>();
        Map<String, String> text = new LinkedHashMap<>();
        Map<String, String> withdrawalText = new LinkedHashMap<>();
        String channel = null;
        for (Definition d : concat(same, item)) {
            name.putAll(ProjectFile.texts(d.name() == null ? d.textId() : d.name(), languages));
            text.putAll(ProjectFile.texts(d.text(), languages));
            withdrawalText.putAll(ProjectFile.texts(d.withdrawalText(), languages));
            if (d.communicationChannel() != null && !d.communicationChannel().isBlank()) {
                channel = d.communicationChannel();
            }
        }
        return new Definition(item.id(), item.textId(), name, item.position(), item.state(),
                text.isEmpty() ? null : text, withdrawalText.isEmpty() ? null : withdrawalText, channel);
    }

    private static List<Definition> concat(List<Definition> earlier, Definition item) {
        List<Definition> all = new ArrayList<>(earlier);
        all.add(item);
        return all;
    }

    private void importItem(ProjectFile file, LookupKind<?> kind, Definition item, int index, OffsetDateTime now) {
        String where = "Section '" + kind.plural() + "' of " + file.location() + ", item " + (index + 1);
        if (item.textId() == null || item.textId().isBlank()) {
            throw new IllegalStateException(where + ": text_id is required");
        }
        String id = item.id() == null || item.id().isBlank() ? Ids.stable(kind.kind(), item.textId()) : item.id();
        int position = item.position() == null ? index : item.position();
        int state = item.state() == null ? 1 : item.state();
        if (state < 0 || state > 2) {
            throw new IllegalStateException(where + ": state must be 0, 1 or 2");
        }

        String channel = kind.hasCommunicationChannel() ? channelId(item.communicationChannel(), where) : null;

        var existing = dsl.select(LOOKUP.ID, LOOKUP.POSITION, LOOKUP.STATE, LOOKUP.COMMUNICATION_CHANNEL_ID).from(LOOKUP)
                .where(LOOKUP.KIND.eq(kind.kind())).and(LOOKUP.TEXT_ID.eq(item.textId())).fetchOne();
        boolean changed;
        if (existing == null) {
            String holder = dsl.select(LOOKUP.TEXT_ID).from(LOOKUP)
                    .where(LOOKUP.KIND.eq(kind.kind())).and(LOOKUP.ID.eq(id)).fetchOne(LOOKUP.TEXT_ID);
            if (holder != null) {
                throw new IllegalStateException(where + ": id " + id + " is already used by '" + holder + "'");
            }
            dsl.insertInto(LOOKUP, LOOKUP.KIND, LOOKUP.ID, LOOKUP.TEXT_ID, LOOKUP.POSITION, LOOKUP.STATE,
                            LOOKUP.COMMUNICATION_CHANNEL_ID, LOOKUP.LAST_CHANGE)
                    .values(kind.kind(), id, item.textId(), position, state, channel, now).execute();
            changed = true;
        } else {
            if (!existing.value1().equals(id)) {
                // Ids are referenced by purchases, addresses and consents; they must never move.
                throw new IllegalStateException(where + ": '" + item.textId() + "' already has the id "
                        + existing.value1() + " and cannot change it to " + id);
            }
            // a channel left out keeps the one an earlier file gave
            String newChannel = channel == null ? existing.value4() : channel;
            changed = existing.value2() != position || existing.value3() != state
                    || !Objects.equals(existing.value4(), newChannel);
            if (changed) {
                dsl.update(LOOKUP).set(LOOKUP.POSITION, position).set(LOOKUP.STATE, state)
                        .set(LOOKUP.COMMUNICATION_CHANNEL_ID, newChannel)
                        .where(LOOKUP.KIND.eq(kind.kind())).and(LOOKUP.ID.eq(id)).execute();
            }
        }
        Object name = item.name() == null ? item.textId() : item.name();
        boolean renamed = translations.put(kind.nameEntity(), id, ProjectFile.texts(name, properties.languages()));
        for (String field : kind.texts()) {
            renamed |= translations.put(kind.textEntity(field), id,
                    ProjectFile.texts(item.textOf(field), properties.languages()));
        }
        if (existing != null && (changed || renamed)) {
            dsl.update(LOOKUP).set(LOOKUP.LAST_CHANGE, now)
                    .where(LOOKUP.KIND.eq(kind.kind())).and(LOOKUP.ID.eq(id)).execute();
        }
    }

    /**
     * The id of the communication channel a file names by its text id (null when it names none). The channel must be
     * known already: channels come before agreements in every file, and from earlier files.
     */
    private String channelId(String textId, String where) {
        if (textId == null || textId.isBlank()) {
            return null;
        }
        String id = dsl.select(LOOKUP.ID).from(LOOKUP)
                .where(LOOKUP.KIND.eq(LookupKind.COMMUNICATION_CHANNELS.kind())).and(LOOKUP.TEXT_ID.eq(textId))
                .fetchOne(LOOKUP.ID);
        if (id == null) {
            List<String> known = dsl.select(LOOKUP.TEXT_ID).from(LOOKUP)
                    .where(LOOKUP.KIND.eq(LookupKind.COMMUNICATION_CHANNELS.kind()))
                    .orderBy(LOOKUP.POSITION, LOOKUP.TEXT_ID).fetch(LOOKUP.TEXT_ID);
            throw new IllegalStateException(where + ": communication_channel '" + textId
                    + "' is not the text_id of a communication channel (known: " + String.join(", ", known) + ")");
        }
        return id;
    }
}
