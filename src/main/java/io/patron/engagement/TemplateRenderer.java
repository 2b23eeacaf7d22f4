package io.patron.engagement;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Renders message templates with Mustache: in HTML every value is escaped (customer data can never inject markup),
 * in subjects and plain text it is written as is; a placeholder without a value renders empty.
 */
@Component
class TemplateRenderer {

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");

    /** Rendered subject and bodies (the HTML body null when the template has none). */
    record Rendered(String title, String htmlBody, String plainTextBody) {
    }

    Rendered render(MessageTemplateRepository.Content content, Map<String, Object> context) {
        return new Rendered(
                content.subject() == null ? null : text.compile(content.subject()).execute(context).strip(),
                content.htmlBody() == null ? null : html.compile(content.htmlBody()).execute(context),
                text.compile(content.plainTextBody()).execute(context));
    }

    /** Checks that a template source parses; the message says where it does not. */
    static void check(String source, String where) {
        if (source == null) {
            return;
        }
        try {
            Template ignored = Mustache.compiler().compile(source);
        } catch (MustacheException e) {
            throw new IllegalStateException(where + ": not a valid Mustache template: " + e.getMessage(), e);
        }
    }
}
