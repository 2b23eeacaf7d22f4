package io.patron.audit;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.zaxxer.hikari.HikariDataSource;

import io.patron.api.ApiInterface;
import io.patron.api.ApiRequest;
import io.patron.api.RequestIdFilter;

/**
 * Wires the audit in: each API request's caller becomes the actor of its writes (after the API gate
 * has authenticated it, until the request completes), and on PostgreSQL the application's pool tells
 * the database that actor.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfig implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // order 1: after the API gate (order 0), which establishes the caller
        registry.addInterceptor(new ActorOfRequest()).addPathPatterns(ApiInterface.PATH_PREFIX + "**").order(1);
    }

    @Bean
    static BeanPostProcessor postgresAuditConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)
                        && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    return new PostgresAuditConnections((DataSource) pool);
                }
                return bean;
            }
        };
    }

    static final class ActorOfRequest implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod) {
                AuditContext.begin(AuditActor.of(ApiRequest.caller(request), RequestIdFilter.current(request)));
            }
            return true;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                    Exception failure) {
            AuditContext.end();
        }
    }
}
