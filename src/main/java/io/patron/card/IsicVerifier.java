package io.patron.card;

/**
 * Checks an ISIC card with the ISIC association's service. The default knows only the number's
 * format; a project with access to the service supplies its own bean (marked {@code @Primary}).
 */
public interface IsicVerifier {

    /**
     * @return whether the card is a valid ISIC card of the holder; throws an
     *         {@link io.patron.api.ApiError} when the answer cannot be given
     */
    boolean isValid(String cardNumber, String lastName);
}
