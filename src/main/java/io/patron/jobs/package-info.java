/**
 * Coordinated jobs: methods marked {@link io.patron.jobs.CoordinatedJob} run at their interval on exactly one node
 * at a time, claimed through a lease on their row in {@code scheduled_job}, timed by the project clock.
 */
package io.patron.jobs;
