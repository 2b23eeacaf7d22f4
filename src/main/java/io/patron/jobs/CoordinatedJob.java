package io.patron.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method without parameters of a Spring bean as a job that runs every {@code every} on one node of all
 * those sharing the database. The job must be idempotent and do its work in steps that each commit (a node may die
 * in the middle; after the lease another node runs the job again, and it goes on from what was committed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CoordinatedJob {

    /** Unique, stable name: the key of the job's row. */
    String name();

    /** Interval between the end of one run and the start of the next, e.g. {@code 1h}, {@code 5m}. */
    String every();

    /** How long a run's claim holds before it is renewed; a node that died holding it loses it after this time. */
    String lease() default "2m";
}
