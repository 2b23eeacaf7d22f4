package io.patron.api;

import java.util.List;

/**
 * What a committed batch left out: with {@code error_processing=2} the good records are stored and
 * each bad one is reported. Thrown as a 400 only after the commit, so the stored records stay stored.
 */
public record BatchOutcome(List<InvalidParam> failures) {

    public void throwIfAnyFailed() {
        if (!failures.isEmpty()) {
            throw ApiError.badRequest(failures);
        }
    }
}
