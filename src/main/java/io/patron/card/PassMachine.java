package io.patron.card;

/**
 * Creates PassMachine (digital wallet) cards. The default has no PassMachine account and refuses
 * clearly; a project with one supplies its own bean (marked {@code @Primary}).
 */
public interface PassMachine {

    /**
     * @param templateId the PassMachine template, null for the default one
     * @return the URL of the customer's PassMachine card
     */
    String cardUrl(String customerId, String cardNumber, String templateId);
}
