-- Reports (graduate uptake, training gaps, IPK): computed by jobs or on the first request, stored with the time
-- they were computed, and served from the stored result. One row per report kind and scope: a recompute replaces
-- the result. Every stored scope is refreshed by the nightly job, so a scope asked for once stays current.

create table report_snapshots (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('uptake', 'training-gaps', 'ipk')),
    -- The scope in a canonical form, e.g. 'training_centre:5' or 'office:3;from=;to='.
    scope_key text not null check (length(scope_key) between 1 and 400),
    -- The shape of the stored result; a result of another version is computed again before it is served.
    version integer not null check (version >= 1),
    parameters jsonb not null,
    result jsonb not null,
    computed_at timestamptz not null,
    -- The job that computed it; null when computed on request. No foreign key: retention deletes old jobs.
    job_id bigint,
    compute_ms integer not null check (compute_ms >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (kind, scope_key)
);

create trigger report_snapshots_updated_at before update on report_snapshots
    for each row execute function set_updated_at();

-- IPK counts an office's registrations per month.
create index seekers_office_registered_on on seekers (office_id, registered_on);
