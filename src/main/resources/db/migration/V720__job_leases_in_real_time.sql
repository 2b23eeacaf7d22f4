-- Job claims (scheduled_job.claimed_until) now hold until a real time, no longer a project time. In a sandbox
-- whose clock runs ahead, a claim written before this change would look live for as long as the offset: release
-- them all (a job whose holder still runs may run once more elsewhere; jobs are idempotent).
update scheduled_job set claimed_by = null, claimed_until = null where claimed_until is not null;
