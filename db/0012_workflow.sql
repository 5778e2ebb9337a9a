-- The staff workflow on suggestions: staff of the seeker's office approve a proposed suggestion (which refers the
-- candidate to the employer) or reject it with a reason; the employer (or staff on its behalf) records the
-- interview, then the hire or not; a hire is a placement; an apprenticeship's agreement is ratified by staff.
-- Matching keeps replacing only 'proposed' rows: every status below except 'proposed' and 'expired' is a person's
-- act, and such a row is never replaced and its pair never proposed again.

alter table suggestions drop constraint suggestions_status_check;
alter table suggestions add constraint suggestions_status_check
    check (status in ('proposed', 'expired', 'approved', 'rejected', 'interview_scheduled', 'hired', 'not_hired'));

-- The latest facts of the workflow, for lists; the whole history is in suggestion_events.
alter table suggestions
    add column referred_at timestamptz,
    add column interview_at timestamptz,
    add column reason_code text,
    add column placement_id bigint references placements (id),
    add constraint suggestions_referred_check
        check ((status in ('proposed', 'expired', 'rejected')) or referred_at is not null),
    add constraint suggestions_hired_check check ((status = 'hired') = (placement_id is not null));
create index suggestions_referred on suggestions (vacancy_id, status) where referred_at is not null;

-- One row per transition, written in the transaction of the transition (with its audit row). seeker_id is the
-- suggestion's, so the person's export holds the trail; erasure deletes the suggestions and with them these rows.
create table suggestion_events (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestions (id) on delete cascade,
    seeker_id bigint not null references seekers (id),
    action text not null check (action in ('approve', 'reject', 'interview', 'hire', 'not_hire', 'ratify')),
    from_status text not null,
    to_status text not null,
    reason_code text,
    note text check (length(note) <= 2000),
    actor_kind text not null check (actor_kind in ('user', 'api_key', 'system')),
    actor_id bigint,
    actor_name text not null,
    at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index suggestion_events_suggestion on suggestion_events (suggestion_id, id);
create index suggestion_events_seeker on suggestion_events (seeker_id);
create trigger suggestion_events_updated_at before update on suggestion_events
    for each row execute function set_updated_at();

-- Perjanjian pemagangan (Permenaker 6/2020): the written agreement of an apprenticeship placement, its duration
-- and the stipend (uang saku, kept in placements.wage as for every apprenticeship placement), ratified by the
-- district/city office. Null on placements recorded without the workflow.
alter table placements
    add column duration_months smallint check (duration_months between 1 and 12),
    add column ratified_at timestamptz,
    add column ratified_by bigint references users (id),
    add constraint placements_agreement_check check (duration_months is null or type = 'apprenticeship'),
    add constraint placements_ratified_check check (ratified_at is null or duration_months is not null);
