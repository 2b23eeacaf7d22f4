package io.patron.card;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the card type operations; card_type_id and text_id are read-only and ignored. */
final class CardRequests {

    private CardRequests() {
    }

    record CardTypeInput(@NotBlank @Size(max = 255) String name, @NotBlank @Size(max = 50) String prefix) {
    }

    record CardTypeBody(@NotNull @Valid CardTypeInput cardType) {
    }
}
