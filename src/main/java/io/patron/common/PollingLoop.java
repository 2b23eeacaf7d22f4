package io.patron.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background virtual thread that polls: runs its work, waits for the interval or a {@link Signal#wakeUp() wake-up},
 * and again, until stopped. A failed poll is logged and retried after the interval. Used by the outbox poller, the job
 * scheduler, the reference data cache and the segment refresh queue, whose beans {@link PollingLifecycle} starts and
 * stops.
 */
public final class PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    /** How long {@link #stop()} lets a poll in progress finish before interrupting it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    /**
     * Every poll holds it for reading; {@link #whilePaused} for writing. A data reset (sandbox, tests) empties every
     * table: background work running at that moment would deadlock with the truncation or write rows of the old data
     * into the new (a listener handling events of the previous test's project import).
     */
    private static final ReentrantReadWriteLock PAUSE = new ReentrantReadWriteLock();

    /** Wakes a loop before its interval is over; wake-ups that arrive during a poll are kept for its next wait. */
    public static class Signal {

        private final Semaphore permits = new Semaphore(0);

        public void wakeUp() {
            if (permits.availablePermits() == 0) {
                permits.release();
            }
        }

        /** Waits for a wake-up or the timeout; consumes every pending wake-up. */
        void await(Duration timeout) throws InterruptedException {
            if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                permits.drainPermits();
            }
        }
    }

    private final String name;
    private final Duration interval;
    private final Runnable poll;
    private final Signal signal;

    private volatile boolean running;
    private Thread thread;

    /**
     * @param name     the thread's name, also used in the log
     * @param interval the wait between two polls when nothing wakes the loop
     * @param poll     the work of one poll
     * @param signal   what wakes the loop early (shared with whoever knows there is work)
     */
    public PollingLoop(String name, Duration interval, Runnable poll, Signal signal) {
        this.name = name;
        this.interval = interval;
        this.poll = poll;
        this.signal = signal;
    }

    public PollingLoop(String name, Duration interval, Runnable poll) {
        this(name, interval, poll, new Signal());
    }

    /**
     * Runs {@code work} while no loop of this process polls: waits for the polls in progress to end and holds the
     * next ones until {@code work} is done.
     */
    public static void whilePaused(Runnable work) {
        PAUSE.writeLock().lock();
        try {
            work.run();
        } finally {
            PAUSE.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} on the calling thread as a poll runs: never while {@link #whilePaused} holds the loops (a
     * one-off background task, such as a refresh at start, that must not race a data reset).
     */
    public static void runAsPoll(Runnable work) {
        PAUSE.readLock().lock();
        try {
            work.run();
        } finally {
            PAUSE.readLock().unlock();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name(name).start(this::pollUntilStopped);
    }

    private void pollUntilStopped() {
        while (running) {
            PAUSE.readLock().lock();
            try {
                poll.run();
            } catch (RuntimeException | Error e) {
                // an Error too: left to end the thread, it would stop this node's deliveries or jobs for good
                log.warn("{}: poll failed; trying again in {}", name, interval, e);
            } finally {
                PAUSE.readLock().unlock();
            }
            try {
                if (running) {
                    signal.await(interval);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Polls again now (or as soon as the poll in progress ends). */
    public void wakeUp() {
        signal.wakeUp();
    }

    /** Ends the loop: lets a poll in progress finish (interrupting it after a while) and waits for the thread. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal.wakeUp();
        try {
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }
}
