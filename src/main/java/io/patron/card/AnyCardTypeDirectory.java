package io.patron.card;

import org.springframework.stereotype.Component;

/** Until card types are wired in: every non-blank id is accepted. */
@Component
class AnyCardTypeDirectory implements CardTypeDirectory {

    @Override
    public boolean exists(String cardTypeId) {
        return cardTypeId != null && !cardTypeId.isBlank();
    }
}
