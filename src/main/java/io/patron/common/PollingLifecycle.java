package io.patron.common;

import org.springframework.context.SmartLifecycle;

/**
 * A bean whose lifecycle is its {@link PollingLoop}: the context starts the loop once every bean is ready and stops it
 * when closing, in the default phase, so before any bean is destroyed (the data source a poll uses among them). A
 * stop lets a poll in progress finish, as {@link PollingLoop#stop()} does.
 */
public interface PollingLifecycle extends SmartLifecycle {

    /** The loop the context starts and stops. */
    PollingLoop pollingLoop();

    @Override
    default void start() {
        pollingLoop().start();
    }

    @Override
    default void stop() {
        pollingLoop().stop();
    }

    @Override
    default boolean isRunning() {
        return pollingLoop().isRunning();
    }
}
