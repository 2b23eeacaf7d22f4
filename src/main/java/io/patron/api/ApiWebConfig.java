package io.patron.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Wires the API conventions into Spring MVC: the base path of {@link ApiController}s, the
 * {@link ApiGate}, and the arguments controllers can ask for ({@link ListParams},
 * {@link Language}, {@link Caller}, {@link ApiInterface}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiWebConfig implements WebMvcConfigurer {

    private final ApiGate gate;
    private final Languages languages;

    public ApiWebConfig(ApiGate gate, Languages languages) {
        this.gate = gate;
        this.languages = languages;
    }

    /** Spring MVC's mappings, found through an index of their paths ({@link IndexedHandlerMapping}). */
    @Bean
    static WebMvcRegistrations indexedHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedHandlerMapping();
            }
        };
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(ApiInterface.BASE_PATH, HandlerTypePredicate.forAnnotation(ApiController.class));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gate).addPathPatterns(ApiInterface.PATH_PREFIX + "**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                Class<?> type = parameter.getParameterType();
                return type == ListParams.class || type == Language.class || type == Caller.class
                        || type == ApiInterface.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
                HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
                Class<?> type = parameter.getParameterType();
                if (type == ListParams.class) {
                    return ListParams.from(request);
                }
                if (type == Language.class) {
                    Object chosen = request.getAttribute(ApiRequest.LANGUAGE);
                    return chosen != null ? chosen : languages.choose(request.getHeader("Accept-Language"));
                }
                if (type == Caller.class) {
                    return ApiRequest.caller(request);
                }
                return ApiRequest.apiInterface(request);
            }
        });
    }

    /** API bodies are declared as {@code application/json; charset=utf-8}. */
    @ControllerAdvice(annotations = ApiController.class)
    static class Utf8Json implements ResponseBodyAdvice<Object> {
        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            if (selected != null && selected.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                response.getHeaders().setContentType(ApiExceptionHandler.JSON_UTF8);
            }
            return body;
        }
    }
}
