package io.patron.card;

/**
 * Which card types exist. Cards only need to know whether an id names one; the card-type
 * capability supplies the real directory (a bean marked {@code @Primary}) when it is merged in.
 */
public interface CardTypeDirectory {

    boolean exists(String cardTypeId);
}
