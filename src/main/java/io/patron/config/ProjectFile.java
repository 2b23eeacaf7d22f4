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
    private final byte[] content;
    private final byte[] sha256;
    /** Parsed when a section is first read: a start that skips the import never parses (see ProjectImporter). */
    private JsonNode root;

    private ProjectFile(String location, byte[] content) {
        this.location = location;
        this.content = content;
        this.sha256 = sha256(content);
    }

    public static ProjectFile empty() {
        return new ProjectFile("(none)", new byte[0]);
    }

    /** Reads a YAML file from a Spring resource location ({@code classpath:...}, {@code file:...} or a path). */
    public static ProjectFile load(String location) {
        Resource resource = new DefaultResourceLoader().getResource(
                location.contains(":") ? location : "file:" + location);
        try (InputStream in = resource.getInputStream()) {
            return new ProjectFile(location, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the project file " + location + ": " + e.getMessage(), e);
        }
    }

    public String location() {
        return location;
    }

    private synchronized JsonNode root() {
        if (root == null) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new java.io.ByteArrayInputStream(content));
            root = tree == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(tree);
        }
        return root;
    }

    /** The SHA-256 of the file's bytes (empty for {@link #empty()}): what the start-up import compares. */
    public byte[] sha256() {
        return sha256.clone();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The items of a top-level list section, bound to records; empty when the section is absent. */
    public <T> List<T> section(String name, Class<T> type) {
        JsonNode node = root().get(name);
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
