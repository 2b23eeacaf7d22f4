package io.patron.tier;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A status definition as the rules need it. {@code turnover}: currency id to the turnover that qualifies (any one
 * currency is enough); {@code qualificationPoints}: points earned that qualify (either condition is enough).
 */
record Status(String id, String textId, int position, int qualificationType, Integer qualificationPeriod,
              BigDecimal qualificationPoints, String previousStatusId, String nextStatusId, Integer validityMonths,
              boolean collectionPoints, boolean paymentPoints, int discount, boolean discountOnDiscounted,
              Map<String, BigDecimal> turnover) {

    static final int ON_SIGN_UP = 0;
    static final int MANUAL = 1;
    static final int AUTOMATIC = 2;

    boolean automatic() {
        return qualificationType == AUTOMATIC;
    }

    /** The validity as the contract shows it: "2 years", "18 months", "unlimited". */
    String validityText() {
        return validityText(validityMonths);
    }

    static String validityText(Integer validityMonths) {
        if (validityMonths == null) {
            return "unlimited";
        }
        if (validityMonths % 12 == 0) {
            int years = validityMonths / 12;
            return years + (years == 1 ? " year" : " years");
        }
        return validityMonths + (validityMonths == 1 ? " month" : " months");
    }
}
