package io.patron.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code error_processing} rule of every batch operation, for one batch: 1 (the default) — the first
 * refused record refuses the batch (a 400 thrown inside the transaction, so nothing is stored); 2 — the valid
 * records are stored and the refused ones reported in a 400 after the commit ({@link BatchOutcome}).
 */
public final class ErrorProcessing {

    private final boolean stopAtFirst;
    private final List<InvalidParam> failures = new ArrayList<>();

    private ErrorProcessing(boolean stopAtFirst) {
        this.stopAtFirst = stopAtFirst;
    }

    /** The rule the client chose; any value but 1, 2 or none is a 400 naming {@code error_processing}. */
    public static ErrorProcessing of(Integer errorProcessing) {
        if (errorProcessing == null || errorProcessing == 1) {
            return new ErrorProcessing(true);
        }
        if (errorProcessing == 2) {
            return new ErrorProcessing(false);
        }
        throw ApiError.badRequest(List.of(InvalidParam.of("error_processing", Reason.NOT_ALLOWED_VALUE,
                errorProcessing, "error_processing must be 1 or 2")));
    }

    /** True when the record (or group of records) has no errors; bad ones stop the batch (1) or are kept (2). */
    public boolean accept(List<InvalidParam> errors) {
        if (errors.isEmpty()) {
            return true;
        }
        if (stopAtFirst) {
            throw ApiError.badRequest(errors);
        }
        failures.addAll(errors);
        return false;
    }

    /** The refused records, for the caller to report after the commit. */
    public BatchOutcome outcome() {
        return new BatchOutcome(List.copyOf(failures));
    }
}
