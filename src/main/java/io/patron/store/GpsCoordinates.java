package io.patron.store;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** The position of a store in degrees (WGS 84). */
public record GpsCoordinates(@NotNull @DecimalMin("-180") @DecimalMax("180") BigDecimal gpsLongitude,
                             @NotNull @DecimalMin("-90") @DecimalMax("90") BigDecimal gpsLatitude) {
}
