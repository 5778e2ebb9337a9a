-- Matching: the ranking models that score (seeker, vacancy) pairs, versioned with their metrics and exactly one
-- serving at a time, and the suggestions (saran penempatan / pemagangan) they produce, each with its score, rank,
-- feature values and explanation.

-- A model's version is its identity. Status: 'candidate' while it is being decided on, 'serving' (exactly one,
-- enforced by the partial unique index below), 'retired' once replaced, 'rejected' when it scored worse than the
-- model serving at the time. The model itself is kept as the exact JSON text the ranking library wrote (jsonb would
-- normalise numbers and key order; the thresholds must survive to the last bit).
create table ranking_models (
    version integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 200),
    source text not null check (source in ('baseline', 'retrain')),
    status text not null check (status in ('candidate', 'serving', 'retired', 'rejected')),
    model_json text not null,
    model_sha256 text not null check (model_sha256 ~ '^[0-9a-f]{64}$'),
    feature_names text[] not null check (cardinality(feature_names) > 0),
    parameters jsonb not null,
    -- Quality on the held-out later slice of vacancies: this model's and, for a retrained one, the serving
    -- model's on the same slice, which the promotion decision compared.
    metrics jsonb not null default '{}'::jsonb,
    -- What it was trained and evaluated on: dates of the training and held-out slices, queries and rows.
    training_window jsonb not null default '{}'::jsonb,
    decision text,
    trained_at timestamptz not null,
    promoted_at timestamptz,
    promoted_by text,
    retired_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'serving') <= (promoted_at is not null))
);
create unique index ranking_models_one_serving on ranking_models (status) where status = 'serving';
create index ranking_models_sha on ranking_models (model_sha256);

-- One row per (kind, vacancy, seeker). Recomputing replaces only 'proposed' rows; a row a person has acted on
-- (statuses the staff workflow adds) is never replaced. 'expired': proposed when its vacancy was filled or closed,
-- kept as a training outcome ("suggested and not rejected"). Ranks: 'rank' within the vacancy's list,
-- 'seeker_rank' within the seeker's current (not expired) list, both by score.
-- features (in the order of the model version's feature_names) and contributions (TreeSHAP, same order) with
-- base_value add up to score; explanation holds the strongest factors in plain words.
create table suggestions (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('job', 'apprenticeship')),
    vacancy_id bigint not null references vacancies (id),
    seeker_id bigint not null references seekers (id),
    status text not null default 'proposed' constraint suggestions_status_check
        check (status in ('proposed', 'expired')),
    score double precision not null,
    rank integer not null check (rank >= 1),
    seeker_rank integer check (seeker_rank >= 1),
    model_version integer not null references ranking_models (version),
    features real[] not null,
    contributions double precision[] not null,
    base_value double precision not null,
    explanation jsonb not null,
    summary text not null,
    computed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (kind, vacancy_id, seeker_id),
    check (cardinality(features) = cardinality(contributions))
);
create index suggestions_vacancy on suggestions (vacancy_id, rank);
create index suggestions_seeker on suggestions (seeker_id, status);
create index suggestions_proposed on suggestions (status) where status = 'proposed';

create trigger ranking_models_updated_at before update on ranking_models
    for each row execute function set_updated_at();
create trigger suggestions_updated_at before update on suggestions
    for each row execute function set_updated_at();

-- Candidate generation for one vacancy finds seekers by the occupation group (KBJI minor group, the first three
-- digits) they prefer or trained for.
create index seeker_preferred_occupations_group on seeker_preferred_occupations (left(occupation_code, 3));
create index course_occupations_group on course_occupations (left(occupation_code, 3));

-- Which transaction last changed anything matching reads about a seeker: the seeker row itself, their
-- competencies, preferences, consents, enrolments or placements. Processes that keep seekers' profiles in memory
-- reload, at each use, the seekers changed by transactions not yet visible when they last read (xid8 never wraps).
-- Rows inserted in the same transaction as their seeker (registration, import, demo load) need no extra update.
alter table seekers add column matching_xid xid8 not null default pg_current_xact_id();
create index seekers_matching_xid on seekers (matching_xid);

create function seekers_touch_matching() returns trigger language plpgsql as $$
begin
    new.matching_xid := pg_current_xact_id();
    return new;
end
$$;
create trigger seekers_matching_xid before update on seekers
    for each row execute function seekers_touch_matching();

create function seeker_detail_touch_matching() returns trigger language plpgsql as $$
begin
    update seekers set matching_xid = pg_current_xact_id()
    where id = case when tg_op = 'DELETE' then old.seeker_id else new.seeker_id end
      and matching_xid <> pg_current_xact_id();
    if tg_op = 'UPDATE' and old.seeker_id <> new.seeker_id then
        update seekers set matching_xid = pg_current_xact_id()
        where id = old.seeker_id and matching_xid <> pg_current_xact_id();
    end if;
    return null;
end
$$;

do $$
declare t text;
begin
    foreach t in array array['seeker_competencies', 'seeker_preferred_occupations', 'seeker_preferred_regions',
        'seeker_consents', 'enrolments', 'placements']
    loop
        execute format('create trigger %I after insert or update or delete on %I for each row '
            'execute function seeker_detail_touch_matching()', t || '_matching_xid', t);
    end loop;
end
$$;
