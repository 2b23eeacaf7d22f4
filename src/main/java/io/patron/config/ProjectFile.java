package io.patron.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project file: YAML with the reference data the API only reads (roles, payment types,
 * lookups, applications, users ...). Each capability reads its own section through
 * {@link #section(String, Class)} and imports it idempotently at start.
 */
public final class ProjectFile {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String location;
    private final JsonNode root;

    private ProjectFile(String location, JsonNode root) {
        this.location = location;
        this.root = root;
    }

    public static ProjectFile empty() {
        return new ProjectFile("(none)", MAPPER.createObjectNode());
    }

    /** Reads a YAML file from a Spring resource location ({@code classpath:...}, {@code file:...} or a path). */
    public static ProjectFile load(String location) {
        Resource resource = new DefaultResourceLoader().getResource(
                location.contains(":") ? location : "file:" + location);
        try (InputStream in = resource.getInputStream()) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new ProjectFile(location, tree == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(tree));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the project file " + location + ": " + e.getMessage(), e);
        }
    }

    public String location() {
        return location;
    }

    /** The items of a top-level list section, bound to records; empty when the section is absent. */
    public <T> List<T> section(String name, Class<T> type) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalStateException("Section '" + name + "' of " + location + " must be a list");
        }
        return MAPPER.convertValue(node, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    }

    /** Translated text in the file: either a plain string (all languages) or a map language → text. */
    public static Map<String, String> texts(Object value, List<String> languages) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        }
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        languages.forEach(l -> out.put(l, String.valueOf(value)));
        return out;
    }
}
