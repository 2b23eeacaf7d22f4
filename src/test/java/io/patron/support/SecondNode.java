package io.patron.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import io.patron.PatronApplication;

/**
 * Patron as a second process would run it, on this run's database: the same profile, a web server on a random port,
 * its own pool, job scheduler and outbox poller. The tests' own configuration (clean start, test clock, recording
 * listeners) is left out: it would empty the database the first node is using. PostgreSQL only (the embedded H2
 * belongs to one node). The caller closes it.
 */
public final class SecondNode {

    public static final String POOL = "patron-second-node";

    private SecondNode() {
    }

    public static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.pool-name", POOL);
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("patron.data-dir", System.getProperty("java.io.tmpdir") + "/patron-second-node");
        // the JVM's logging is the first node's: the second leaves it as it is, also when it closes
        String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            return run(properties);
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }

    /** The names of the threads of a second node (its pool's, its server's) still alive: none once it closed. */
    public static Set<String> threadsLeft(String port) {
        // a closed pool or executor lets its threads end by themselves: on two busy cores the pool's housekeeper was
        // seen still alive just after close, so the threads get a few seconds to end; a thread that leaks stays
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Set<String> left = aliveThreads(port);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = aliveThreads(port);
        }
        return left;
    }

    private static Set<String> aliveThreads(String port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.contains(POOL) || name.contains("-" + port + "-"))
                .collect(Collectors.toSet());
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties) {
        return new SpringApplicationBuilder(PatronApplication.class)
                .registerShutdownHook(false)
                .profiles("test")
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("withoutTestConfiguration",
                        new TypeExcludeFilter() {
                            @Override
                            public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
                                return reader.getClassMetadata().getClassName().startsWith(TestData.class.getName());
                            }

                            @Override
                            public boolean equals(Object other) {
                                return other == this;
                            }

                            @Override
                            public int hashCode() {
                                return System.identityHashCode(this);
                            }
                        }))
                // as command-line arguments, so they win over application.yml like the tests' dynamic properties
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new));
    }
}
