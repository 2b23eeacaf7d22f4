package io.patron.store;

import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.patron.api.OneOf;

/** The opening hours of a store on one day of the week; no intervals means closed that day. */
public record OpeningDay(@NotBlank @OneOf({"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}) String dayId,
                         @NotNull @Size(max = 10) List<@NotNull @Valid TimeInterval> timeIntervals) {

    /** Open from {@code from} to {@code to} (times of day, {@code HH:MM:SS} on the wire). */
    public record TimeInterval(@NotNull LocalTime from, @NotNull LocalTime to) {
    }
}
