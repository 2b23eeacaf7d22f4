package io.patron.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Validates every response a test receives against the CareCloud contract
 * ({@code ../shared/carecloud-openapi.yaml}). Without that file the check is skipped with a
 * warning; CI always has it.
 */
public final class ContractValidator {

    private static final ContractValidator INSTANCE = new ContractValidator();

    private final OpenApiInteractionValidator validator;

    private ContractValidator() {
        String location = System.getProperty("patron.contract", "../shared/carecloud-openapi.yaml");
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            System.err.println("WARNING: contract " + path.toAbsolutePath()
                    + " not found; responses are NOT validated against the CareCloud contract");
            validator = null;
            return;
        }
        validator = OpenApiInteractionValidator
                .createForSpecificationUrl(path.toAbsolutePath().toUri().toString())
                .withBasePathOverride("/")
                // Merge allOf parts before checking for unknown properties; otherwise every part
                // of an allOf (e.g. the error bodies) rejects the fields declared by the others.
                .withResolveCombinators(true)
                .withLevelResolver(LevelResolver.create()
                        // Tests send bad requests on purpose; only the answers are checked.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    public static ContractValidator get() {
        return INSTANCE;
    }

    public boolean enabled() {
        return validator != null;
    }

    /**
     * @param apiPath the path below {@code /v1.0}, e.g. {@code /countries}
     * @return the contract violations, empty when the response conforms
     */
    public List<String> violations(String method, String apiPath, int status, Map<String, List<String>> headers,
                                   String body) {
        if (validator == null) {
            return List.of();
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validateResponse(apiPath, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
