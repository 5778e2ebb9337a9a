-- A full refresh in parts (Matching/README.md, "A full refresh in parts"): the coordinating job plans the open
-- vacancies into parts by work region, one job per part scores its vacancies and assigns them under the caps as if
-- alone, and the last part to finish queues the job that reconciles the per-seeker cap across parts and writes.

create table matching_refreshes (
    id            bigint generated always as identity primary key,
    model_version integer     not null,
    state         text        not null default 'scoring'
                  check (state in ('scoring', 'writing', 'done', 'superseded')),
    parts         integer     not null check (parts >= 1),
    planned_at    timestamptz not null default now(),
    finished_at   timestamptz,
    stored        integer,
    check ((state in ('done', 'superseded')) = (finished_at is not null))
);

-- One row per part: its vacancies (by id), and once it has run, the snapshot it read in (pg_snapshot as text: the
-- write replaces only the rows that snapshot saw, so a recompute committed after it is kept).
create table matching_refresh_parts (
    refresh_id  bigint      not null references matching_refreshes (id) on delete cascade,
    part        integer     not null check (part >= 0),
    regions     text[]      not null,
    vacancy_ids bigint[]    not null,
    seen_in     text,
    done_at     timestamptz,
    seconds     double precision,
    primary key (refresh_id, part),
    check ((done_at is null) = (seen_in is null))
);

-- What a part proposes (kept) and its best pairs left over (to refill a vacancy that loses a seeker to another
-- part's better pair); written with the part's completion, deleted when its refresh is written.
create table matching_refresh_pairs (
    refresh_id bigint           not null,
    part       integer          not null,
    vacancy_id bigint           not null,
    seeker_id  bigint           not null,
    score      double precision not null,
    kept       boolean          not null,
    primary key (refresh_id, vacancy_id, seeker_id),
    foreign key (refresh_id, part) references matching_refresh_parts (refresh_id, part) on delete cascade
);
create index matching_refresh_pairs_part on matching_refresh_pairs (refresh_id, part);
