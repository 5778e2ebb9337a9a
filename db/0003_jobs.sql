-- Durable job queue (src/LinkMatch.Jobs): jobs, the errors of every failed attempt, and recurring schedules.
-- States: scheduled -> available -> processing -> succeeded | retryable | discarded, and cancelled (see the
-- library's README for the diagram). The runtime role gets row-level privileges only.

do $$
begin
    if not exists (select from pg_roles where rolname = 'linkmatch_app') then
        create role linkmatch_app nologin;
    end if;
end $$;

create table jobs (
    id            bigint generated always as identity primary key,
    kind          text        not null check (length(kind) between 1 and 200),
    queue         text        not null default 'default' check (length(queue) between 1 and 100),
    args          jsonb       not null default '{}'::jsonb,
    -- Higher runs first.
    priority      smallint    not null default 0,
    state         text        not null default 'available'
                  check (state in ('scheduled', 'available', 'processing', 'retryable', 'succeeded', 'discarded', 'cancelled')),
    -- Raised when a worker takes the job and never lowered: together with state = 'processing' it fences
    -- completion, so a worker presumed dead cannot finish a job that another worker now owns.
    attempt       integer     not null default 0 check (attempt >= 0),
    max_attempts  integer     not null default 10 check (max_attempts >= 1),
    scheduled_at  timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    attempted_at  timestamptz,
    heartbeat_at  timestamptz,
    owner         text,
    finalized_at  timestamptz,
    unique_key    text check (length(unique_key) between 1 and 400),
    cancel_reason text,
    check ((state = 'processing') = (owner is not null)),
    check ((state in ('succeeded', 'discarded', 'cancelled')) = (finalized_at is not null))
) with (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

-- Workers take the head of a queue: highest priority, then oldest scheduled time.
create index jobs_fetch_idx on jobs (queue, priority desc, scheduled_at, id) where state = 'available';
-- Staging of delayed jobs and retries whose time has come.
create index jobs_staging_idx on jobs (scheduled_at) where state in ('scheduled', 'retryable');
-- Rescue of jobs whose worker stopped heartbeating.
create index jobs_heartbeat_idx on jobs (heartbeat_at) where state = 'processing';
-- Retention and the figures of the last hour.
create index jobs_finalized_idx on jobs (finalized_at) where finalized_at is not null;
-- Lists for staff by state and kind, newest first.
create index jobs_state_kind_idx on jobs (state, kind, id);
-- At most one pending job per unique key; a running job no longer holds it, so a change made while it runs
-- can enqueue the next run.
create unique index jobs_unique_key_idx on jobs (unique_key)
    where state in ('scheduled', 'available', 'retryable');

create table job_errors (
    id             bigint generated always as identity primary key,
    job_id         bigint      not null references jobs (id) on delete cascade,
    attempt        integer     not null,
    occurred_at    timestamptz not null default now(),
    message        text        not null,
    exception_type text        not null,
    details        text
);

create index job_errors_job_idx on job_errors (job_id, attempt);
create index job_errors_occurred_idx on job_errors (occurred_at);

create table job_schedules (
    name          text        primary key check (length(name) between 1 and 200),
    cron          text        not null,
    time_zone     text        not null default 'UTC',
    kind          text        not null,
    queue         text        not null default 'default',
    args          jsonb       not null default '{}'::jsonb,
    priority      smallint    not null default 0,
    max_attempts  integer     not null default 10 check (max_attempts >= 1),
    enabled       boolean     not null default true,
    next_fire_at  timestamptz,
    last_fire_at  timestamptz,
    last_job_id   bigint,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create index job_schedules_due_idx on job_schedules (next_fire_at) where enabled;

grant select, insert, update, delete on jobs, job_errors, job_schedules to linkmatch_app;
grant usage, select on sequence jobs_id_seq, job_errors_id_seq to linkmatch_app;
