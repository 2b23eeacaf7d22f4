package io.patron.jobs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/** Finds the {@link CoordinatedJob} methods of every bean as Spring creates them. */
@Component
class CoordinatedJobMethods implements BeanPostProcessor {

    private final Map<String, JobDefinition> jobs = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        ReflectionUtils.doWithMethods(type, method -> {
            CoordinatedJob job = AnnotatedElementUtils.findMergedAnnotation(method, CoordinatedJob.class);
            if (job == null) {
                return;
            }
            if (method.getParameterCount() != 0) {
                throw new IllegalStateException("@CoordinatedJob method " + method + " must take no parameters");
            }
            JobDefinition definition = new JobDefinition(job.name(), DurationStyle.detectAndParse(job.every()),
                    DurationStyle.detectAndParse(job.lease()), () -> invoke(bean, method));
            if (jobs.putIfAbsent(job.name(), definition) != null) {
                throw new IllegalStateException("Two jobs are named " + job.name());
            }
        });
        return bean;
    }

    /** Calls the method on the bean as Spring exposes it (through its proxy: transactions apply). */
    private static void invoke(Object bean, Method method) {
        Method callable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(callable);
        try {
            callable.invoke(bean);
        } catch (InvocationTargetException e) {
            ReflectionUtils.rethrowRuntimeException(e.getTargetException());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    List<JobDefinition> all() {
        return List.copyOf(jobs.values());
    }
}
