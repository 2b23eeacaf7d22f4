package io.patron.card;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of cards. A card's own fields are checked by {@link CardService}
 * (not by bean validation) so that a batch can report every record by its index.
 */
public final class CardBodies {

    private CardBodies() {
    }

    /** The contract's Card: the same record is read and written ({@code card_id}, {@code last_change} are read-only). */
    public record Card(String cardId, String customerId, String cardTypeId, String cardNumber,
                       String secondaryCardNumber, String validFrom, String validTo, String storeId,
                       String lastChange, Integer state) {
    }

    record CardRequest(@NotNull Card card) {
    }

    record CardBatch(@NotNull @Size(max = 1000) List<Card> cards, Integer errorProcessing) {
    }

    record AssignFreeCard(@NotBlank String cardTypeId, @NotBlank String customerId, String cardNumber) {
    }

    record ValidateFreeCard(@NotBlank String cardNumber) {
    }

    record DigitalCardFile(@NotBlank String cardId, @NotBlank String fileType) {
    }

    record PassMachineCard(@NotBlank String customerId, String passmachineTemplateId) {
    }

    record IsicCard(@NotBlank String cardNumber, @NotBlank String lastName, Boolean checkUsage) {
    }

    /** The answer of validate-isic-card; {@code isFreeToUse} only when usage was asked for. */
    record IsicAnswer(boolean validIsic, Boolean isFreeToUse) {
    }
}
