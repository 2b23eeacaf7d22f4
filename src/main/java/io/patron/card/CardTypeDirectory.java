package io.patron.card;

/**
 * Which card types exist: all that cards need to know of card types ({@link CardTypeService}).
 */
public interface CardTypeDirectory {

    boolean exists(String cardTypeId);
}
