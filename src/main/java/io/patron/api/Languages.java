package io.patron.api;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.patron.config.PatronProperties;

/** The project's active languages and the choice among them from an Accept-Language header. */
@Component
public class Languages {

    private final List<String> active;
    private final String defaultLanguage;

    public Languages(PatronProperties properties) {
        this.active = properties.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        this.defaultLanguage = properties.defaultLanguage();
    }

    public List<String> active() {
        return active;
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    public boolean isActive(String language) {
        return language != null && active.contains(language.toLowerCase(Locale.ROOT));
    }

    /**
     * The best active language for an RFC 9110 Accept-Language value (q-values honoured,
     * {@code en-gb} falls back to {@code en}); the default language when nothing matches
     * or the header does not parse.
     */
    public Language choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return new Language(defaultLanguage, defaultLanguage);
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            String best = Locale.lookupTag(ranges, active);
            return new Language(best == null ? defaultLanguage : best, defaultLanguage);
        } catch (IllegalArgumentException malformed) {
            return new Language(defaultLanguage, defaultLanguage);
        }
    }
}
