package io.patron.api;

import java.util.Locale;

/** The language a request's translated texts are given in, and the project default to fall back to. */
public record Language(String id, String fallback) {

    public Locale locale() {
        return Locale.forLanguageTag(id);
    }
}
