package io.patron.reference;

import static io.patron.db.Tables.LOOKUP;

import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which consents (/agreements) cover a communication channel: those the project file linked to it. */
@Service
@Transactional(readOnly = true)
public class ChannelConsents {

    private final DSLContext dsl;

    ChannelConsents(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The ids of the active agreements that name this channel (by its id) as the one they cover. */
    public Set<String> covering(String communicationChannelId) {
        return dsl.select(LOOKUP.ID).from(LOOKUP)
                .where(LOOKUP.KIND.eq(LookupKind.AGREEMENTS.kind()))
                .and(LOOKUP.COMMUNICATION_CHANNEL_ID.eq(communicationChannelId))
                .and(LOOKUP.STATE.eq(1))
                .fetchSet(LOOKUP.ID);
    }
}
