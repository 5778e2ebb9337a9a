-- Equal-opportunity monitoring (Reports/README.md).

-- Who matching has suggested, per month and model version: the "suggested" step of the equal-opportunity report.
-- Proposed suggestions are replaced at every refresh and recompute, so they cannot say who was ever suggested; a row
-- here is written in the same statement that stores a suggestion, once per seeker, month (WITA) and model version.
-- Erasure deletes the seeker's rows with the rest of their matching data.
create table seeker_exposures (
    seeker_id bigint not null references seekers (id),
    month date not null check (month = date_trunc('month', month)::date),
    model_version integer not null references ranking_models (version),
    first_at timestamptz not null default now(),
    primary key (seeker_id, month, model_version)
);
create index seeker_exposures_month on seeker_exposures (month, model_version);

-- The report's snapshots are stored like the other reports'.
alter table report_snapshots drop constraint report_snapshots_kind_check;
alter table report_snapshots add constraint report_snapshots_kind_check
    check (kind in ('uptake', 'training-gaps', 'ipk', 'equal-opportunity'));
