package io.patron.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the container refuses before Spring sees them (a {@code %00} or an encoded {@code /} in the path,
 * a request line or headers past the limit, a malformed URI) are answered with the API's JSON error body,
 * never Tomcat's HTML page. An encoded slash in a path id is passed through undecoded, so
 * {@code /customers/..%2F..%2Fcountries} names a customer that does not exist (404) instead of another path.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrors {

    /** Query parameters of one request; more is a 400 naming {@code query}. */
    public static final int MAX_PARAMETERS = 2_000;

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonContainerErrors() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling("passthrough");
                connector.setEncodedReverseSolidusHandling("passthrough");
                // 1,000 values of an array filter plus paging and other filters.
                connector.setMaxParameterCount(MAX_PARAMETERS);
            });
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        };
    }

    /** Tomcat's error report as the API's JSON error body. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);
        /** As the application's mapper writes error bodies: absent fields left out. */
        private static final JsonMapper JSON = JsonMapper.builder()
                .changeDefaultPropertyInclusion(include -> include
                        .withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
                .build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            // As Tomcat's own report: only errors, only once, and never after the application wrote a body.
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            String path = request.getDecodedRequestURI() == null ? "" : safe(request.getDecodedRequestURI());
            ApiError error;
            if (status == null || status.is5xxServerError()) {
                error = ApiError.internal(RequestIdFilter.current(request));
            } else if (status == HttpStatus.NOT_FOUND) {
                error = ApiError.unknownPath(path);
            } else if (status == HttpStatus.METHOD_NOT_ALLOWED) {
                error = ApiError.methodNotAllowed(safe(request.getMethod()));
            } else if (status == HttpStatus.URI_TOO_LONG || status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE) {
                error = new ApiError(status, "invalid_params_exception", "Bad input parameter",
                        "The request line or headers are longer than the server accepts",
                        Map.of("invalid_params", java.util.List.of(InvalidParam.of("request",
                                Reason.INVALID_VALUE_FORMAT, "Longer than the server accepts"))));
            } else {
                error = ApiError.badRequest("request", Reason.INVALID_VALUE_FORMAT,
                        "The request line, path or headers cannot be read (e.g. a NUL character, a malformed"
                                + " escape, or longer than the server accepts)");
            }
            ResponseEntity<Map<String, Object>> answer = ApiExceptionHandler.render(error);
            try {
                response.setStatus(answer.getStatusCode().value());
                response.setContentType(ApiExceptionHandler.JSON_UTF8.toString());
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null && answer.getBody() != null) {
                    writer.write(JSON.writeValueAsString(answer.getBody()));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not write the error body of a refused request", e);
            }
        }

        /** The path as shown in the body: without characters a JSON reader or a log would trip over. */
        private static String safe(String text) {
            return TextLimits.unstorable(text).isPresent() || text.length() > 200
                    ? "(not shown)" : text;
        }
    }
}
