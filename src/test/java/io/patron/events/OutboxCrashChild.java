package io.patron.events;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.patron.support.RecordedEvents;

/**
 * A node in a process of its own for {@link OutboxCrashTest}: publishes an event in a committed transaction, claims
 * it, and hangs in the middle of delivering it, until the test kills the process with SIGKILL.
 * Arguments: JDBC URL, user, password.
 */
public final class OutboxCrashChild {

    private OutboxCrashChild() {
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], args.length > 2 ? args[2] : "");
        DSLContext dsl = DSL.using(new TransactionAwareDataSourceProxy(database), SQLDialect.POSTGRES);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        OutboxRepository repository = new OutboxRepository(dsl);
        OutboxSignal signal = new OutboxSignal();
        Clock clock = Clock.systemUTC();
        EventProperties properties = new EventProperties(Duration.ofSeconds(1), 10, Duration.ofMinutes(5), 10,
                Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(7), 1);
        DomainEvents events = new DomainEvents(repository, json, clock, signal);
        DomainEventListener hanging = new DomainEventListener() {
            @Override
            public Set<String> eventTypes() {
                return Set.of(RecordedEvents.TEST_TYPE);
            }

            @Override
            public void onEvent(DomainEvent event) throws InterruptedException {
                System.out.println("CHILD DELIVERING " + event.id());
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(10));
            }
        };
        String id = transactions.execute(s -> events.publish(RecordedEvents.TEST_TYPE, "killed", Map.of("n", 1)));
        System.out.println("CHILD COMMITTED " + id);
        System.out.flush();
        new OutboxPoller(repository, List.of(hanging), transactions, json, clock, properties, signal, "child").drain();
    }
}
