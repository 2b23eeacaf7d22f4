package io.patron.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Patron's own OpenAPI documents, one per interface ({@code /v3/api-docs/enterprise},
 * {@code /v3/api-docs/customer}): the real paths, only the operations the interface allows, and
 * the tags and operation ids integrators know from the CareCloud reference. A tag and an
 * operation id follow from the path and method ({@link #operationId}, {@link #tag}); the
 * irregular names are declared in {@code openapi-operations.properties}, and an explicit
 * {@code @Operation(operationId = ...)} on a handler wins over both.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    private static final String ONLY_IN = "x-patron-only-in";
    private static final String EXPLICIT_ID = "x-patron-explicit-id";
    private static final String VARIABLE = "{api_interface}";

    private final Properties overrides = load();

    @Bean
    GroupedOpenApi enterpriseApi() {
        return group(ApiInterface.ENTERPRISE, "Patron Enterprise API",
                "The CareCloud REST API v1.0 for back-office systems, as implemented by Patron.");
    }

    @Bean
    GroupedOpenApi customerApi() {
        return group(ApiInterface.CUSTOMER, "Patron Customer API",
                "The CareCloud REST API v1.0 for customer-facing applications, as implemented by Patron.");
    }

    private GroupedOpenApi group(ApiInterface face, String title, String description) {
        return GroupedOpenApi.builder()
                .group(face.name().toLowerCase(Locale.ROOT))
                .displayName(face.label())
                .pathsToMatch("/webservice/**")
                .addOperationCustomizer(markHandler())
                .addOpenApiCustomizer(api -> {
                    api.info(new Info().title(title).version("1.0").description(description));
                    api.setPaths(paths(api.getPaths(), face));
                })
                .build();
    }

    /** Remembers what only the handler knows: the interface it is limited to, an explicit operation id. */
    private static OperationCustomizer markHandler() {
        return (operation, handler) -> {
            OnlyIn onlyIn = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), OnlyIn.class);
            if (onlyIn == null) {
                onlyIn = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), OnlyIn.class);
            }
            if (onlyIn != null) {
                operation.addExtension(ONLY_IN, onlyIn.value().name());
            }
            io.swagger.v3.oas.annotations.Operation declared = AnnotatedElementUtils.findMergedAnnotation(
                    handler.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
            if (declared != null && !declared.operationId().isEmpty()) {
                operation.addExtension(EXPLICIT_ID, true);
            }
            return operation;
        };
    }

    private Paths paths(Paths all, ApiInterface face) {
        Paths out = new Paths();
        if (all == null) {
            return out;
        }
        String prefix = ApiInterface.BASE_PATH;
        all.forEach((template, item) -> {
            String relative = template.startsWith(prefix) ? template.substring(prefix.length()) : template;
            PathItem kept = new PathItem();
            Map<PathItem.HttpMethod, Operation> ops = new LinkedHashMap<>(item.readOperationsMap());
            ops.forEach((method, op) -> {
                Map<String, Object> ext = op.getExtensions();
                Object onlyIn = ext == null ? null : ext.get(ONLY_IN);
                if (onlyIn != null && !onlyIn.equals(face.name())) {
                    return;
                }
                boolean explicit = ext != null && ext.containsKey(EXPLICIT_ID);
                if (ext != null) {
                    ext.remove(ONLY_IN);
                    ext.remove(EXPLICIT_ID);
                    if (ext.isEmpty()) {
                        op.setExtensions(null);
                    }
                }
                if (op.getParameters() != null) {
                    op.getParameters().removeIf(p -> "path".equals(p.getIn()) && "api_interface".equals(p.getName()));
                    if (op.getParameters().isEmpty()) {
                        op.setParameters(null);
                    }
                }
                String key = method.name() + " " + relative;
                if (!explicit) {
                    op.setOperationId(overrides.getProperty(key, operationId(method.name(), relative)));
                }
                op.setTags(List.of(tagOf(relative)));
                kept.operation(method, op);
            });
            if (!kept.readOperations().isEmpty()) {
                kept.setParameters(item.getParameters());
                out.addPathItem(template.replace(VARIABLE, face.segment()), kept);
            }
        });
        return out;
    }

    /**
     * The reference's naming rule: {@code GET /cards} is {@code getCards}, {@code POST /cards}
     * {@code postCard}, {@code PUT /cards/{card_id}} {@code putCard}, {@code GET
     * /card-types/{card_type_id}/cards} {@code getSubCardTypeCards}, {@code POST /cards/batch}
     * {@code postBatchCards}.
     */
    static String operationId(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        List<String> resources = new ArrayList<>();
        boolean endsWithVariable = false;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            endsWithVariable = segment.startsWith("{");
            if (!endsWithVariable) {
                resources.add(segment);
            }
        }
        if (resources.isEmpty()) {
            return verb;
        }
        String last = resources.getLast();
        boolean list = !endsWithVariable && verb.equals("get");
        if (resources.size() == 1) {
            return verb + pascal(list ? last : singular(last));
        }
        if (last.equals("batch")) {
            return verb + "Batch" + pascal(resources.getFirst());
        }
        if (resources.size() > 2 && resources.get(1).equals("actions")) {
            return verb + pascal(last);
        }
        // A sub-resource of records is named after what it records: property-records are "Properties".
        boolean records = last.endsWith("-records");
        String name = records ? last.substring(0, last.length() - "-records".length()) : last;
        name = records ? (list ? plural(name) : name) : (list ? name : singular(name));
        return verb + "Sub" + pascal(singular(resources.getFirst())) + pascal(name);
    }

    /** The declared tag of the longest declared prefix of the path, else {@link #tag}. */
    private String tagOf(String path) {
        for (String prefix = path; !prefix.isEmpty(); prefix = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/')))) {
            String declared = overrides.getProperty("tag " + prefix);
            if (declared != null) {
                return declared;
            }
        }
        return tag(path);
    }

    /** {@code card-types} is tagged {@code Card types}. */
    static String tag(String path) {
        String first = firstSegment(path).replace('-', ' ');
        return first.isEmpty() ? first : Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    private static String singular(String word) {
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("uses") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static String plural(String word) {
        if (word.endsWith("y")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word.endsWith("s") ? word + "es" : word + "s";
    }

    private static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi-operations.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
