-- The registry: reference data, offices, training, employers, MoUs, job seekers, vacancies, placements.
-- Tables are owned by the migration role; the service runs as linkmatch_app with the privileges granted here.

do $$
begin
    if not exists (select from pg_roles where rolname = 'linkmatch_app') then
        create role linkmatch_app nologin;
    end if;
end
$$;

grant usage on schema public to linkmatch_app;
alter default privileges in schema public grant select, insert, update, delete on tables to linkmatch_app;
alter default privileges in schema public grant usage, select on sequences to linkmatch_app;
alter default privileges in schema public grant execute on functions to linkmatch_app;
-- The migration table predates these defaults; readiness checks read it as the service.
grant select on schema_migrations to linkmatch_app;

create function set_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end
$$;

-- Kemendagri region codes: '64' a province, '64.71' a regency (kabupaten) or city (kota).
create table regions (
    code text primary key check (code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
    name text not null,
    level text not null check (level in ('province', 'regency', 'city')),
    province_code text references regions (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((level = 'province') = (province_code is null))
);

-- KBJI 2014 occupations: 1-digit major group down to 4-digit unit group (and finer codes like '7212.01').
create table occupations (
    code text primary key check (code ~ '^[0-9]{1,4}(\.[0-9]{2})?$'),
    title text not null,
    parent_code text references occupations (code),
    level smallint not null check (level between 1 and 5),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index occupations_parent on occupations (parent_code);

-- KBLI 2020 industries: section letter, then 2- to 5-digit codes.
create table industries (
    code text primary key check (code ~ '^([A-U]|[0-9]{2,5})$'),
    title text not null,
    section text not null check (section ~ '^[A-U]$'),
    parent_code text references industries (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Units of competency. Codes are opaque: SKKNI 'C.251000.001.01', older 'TIK.SM01.001.01', or a skill tag.
create table competencies (
    id bigint generated always as identity primary key,
    code text not null unique check (length(code) between 1 and 64),
    title text not null,
    framework text not null check (framework in ('skkni', 'other', 'skill_tag')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Disnaker (city/regency) and Disnakertrans (province).
create table offices (
    id bigint generated always as identity primary key,
    code text not null unique,
    name text not null,
    level text not null check (level in ('city_regency', 'province')),
    region_code text not null references regions (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- BLK: Balai Latihan Kerja.
create table training_centres (
    id bigint generated always as identity primary key,
    code text not null unique,
    name text not null,
    office_id bigint not null references offices (id),
    region_code text not null references regions (code),
    address text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index training_centres_office on training_centres (office_id);

-- Kejuruan programmes a BLK runs.
create table courses (
    id bigint generated always as identity primary key,
    training_centre_id bigint not null references training_centres (id),
    code text not null,
    title text not null,
    hours integer not null check (hours between 1 and 5000),
    description text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (training_centre_id, code)
);

create table course_competencies (
    course_id bigint not null references courses (id) on delete cascade,
    competency_id bigint not null references competencies (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (course_id, competency_id)
);
create index course_competencies_competency on course_competencies (competency_id);

create table course_occupations (
    course_id bigint not null references courses (id) on delete cascade,
    occupation_code text not null references occupations (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (course_id, occupation_code)
);

-- Angkatan: one run of a course.
create table cohorts (
    id bigint generated always as identity primary key,
    course_id bigint not null references courses (id),
    name text not null,
    starts_on date not null,
    ends_on date not null,
    capacity integer not null check (capacity between 1 and 1000),
    instructor_name text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (ends_on >= starts_on),
    unique (course_id, name)
);
create index cohorts_course on cohorts (course_id);

-- Pencari kerja, registered on an AK/1 card by the office of their KTP's district.
-- NIK, phone and e-mail are held only encrypted (AES-GCM) with HMAC blind indexes for lookup.
create table seekers (
    id bigint generated always as identity primary key,
    office_id bigint not null references offices (id),
    ak1_number text unique,
    nik_cipher bytea,
    nik_hash bytea unique,
    nik_region text check (nik_region ~ '^[0-9]{6}$'),
    full_name text,
    birth_date date,
    sex text check (sex in ('male', 'female')),
    education_level text not null check (education_level in
        ('none', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')),
    education_major text,
    region_code text not null references regions (code),
    phone_cipher bytea,
    phone_hash bytea,
    email_cipher bytea,
    email_hash bytea,
    disability text,
    expected_wage bigint check (expected_wage >= 0),
    willing_to_relocate boolean not null default false,
    status text not null default 'active' check (status in ('active', 'placed', 'inactive', 'erased')),
    registered_on date not null,
    last_reported_on date,
    erased_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- Erasure leaves an anonymous tombstone: no identifying field may survive it.
    check (status <> 'erased' or (nik_cipher is null and nik_hash is null and full_name is null
        and phone_cipher is null and email_cipher is null and ak1_number is null and birth_date is null)),
    check (status = 'erased' or (nik_cipher is not null and nik_hash is not null and full_name is not null
        and birth_date is not null and sex is not null))
);
create index seekers_office on seekers (office_id, status);
create index seekers_region on seekers (region_code);
create index seekers_phone_hash on seekers (phone_hash);
create index seekers_email_hash on seekers (email_hash);

create table seeker_preferred_occupations (
    seeker_id bigint not null references seekers (id) on delete cascade,
    occupation_code text not null references occupations (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (seeker_id, occupation_code)
);

create table seeker_preferred_regions (
    seeker_id bigint not null references seekers (id) on delete cascade,
    region_code text not null references regions (code),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (seeker_id, region_code)
);

create table seeker_competencies (
    seeker_id bigint not null references seekers (id) on delete cascade,
    competency_id bigint not null references competencies (id),
    level smallint not null check (level between 1 and 9),
    evidence text not null check (evidence in ('certified', 'assessed', 'trained', 'experience', 'self_declared')),
    years numeric(4, 1) not null default 0 check (years between 0 and 60),
    source text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (seeker_id, competency_id)
);
create index seeker_competencies_competency on seeker_competencies (competency_id);

create table enrolments (
    id bigint generated always as identity primary key,
    cohort_id bigint not null references cohorts (id),
    seeker_id bigint not null references seekers (id),
    status text not null default 'enrolled' check (status in ('enrolled', 'completed', 'dropped')),
    completed_on date,
    certificate_number text unique,
    certificate_scheme text,
    certificate_lsp text,
    certificate_issued_on date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (cohort_id, seeker_id),
    check ((certificate_number is null) = (certificate_issued_on is null))
);
create index enrolments_seeker on enrolments (seeker_id);

-- Uji kompetensi: kompeten / belum kompeten per unit.
create table enrolment_assessments (
    enrolment_id bigint not null references enrolments (id) on delete cascade,
    competency_id bigint not null references competencies (id),
    outcome text not null check (outcome in ('competent', 'not_yet_competent')),
    assessed_on date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (enrolment_id, competency_id)
);

-- DUDI.
create table employers (
    id bigint generated always as identity primary key,
    name text not null,
    kbli_code text not null references industries (code),
    address text not null,
    region_code text not null references regions (code),
    contact_name text,
    contact_email text,
    contact_phone text,
    workforce integer check (workforce >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index employers_region on employers (region_code);

-- Nota kesepahaman between an office and an employer or a training centre.
create table mous (
    id bigint generated always as identity primary key,
    number text not null unique,
    office_id bigint not null references offices (id),
    employer_id bigint references employers (id),
    training_centre_id bigint references training_centres (id),
    scopes text[] not null check (cardinality(scopes) > 0
        and scopes <@ array['placement', 'apprenticeship', 'training']),
    signed_on date not null,
    valid_until date not null,
    terminated_on date,
    termination_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((employer_id is null) <> (training_centre_id is null)),
    check (valid_until >= signed_on),
    check (terminated_on is null or terminated_on >= signed_on)
);
create index mous_employer on mous (employer_id);
create index mous_training_centre on mous (training_centre_id);

-- Lowongan, reported as Perpres 57/2023 asks, including the report that it was filled.
create table vacancies (
    id bigint generated always as identity primary key,
    employer_id bigint not null references employers (id),
    mou_id bigint not null references mous (id),
    office_id bigint not null references offices (id),
    type text not null check (type in ('job', 'apprenticeship')),
    title text not null,
    occupation_code text not null references occupations (code),
    description text not null default '',
    min_education text not null default 'none' check (min_education in
        ('none', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')),
    min_experience_years numeric(4, 1) not null default 0 check (min_experience_years between 0 and 60),
    age_min smallint check (age_min between 15 and 100),
    age_max smallint check (age_max between 15 and 100),
    sex text not null default 'any' check (sex in ('any', 'male', 'female')),
    work_region_code text not null references regions (code),
    openings integer not null check (openings between 1 and 10000),
    filled integer not null default 0 check (filled >= 0),
    wage_min bigint check (wage_min >= 0),
    wage_max bigint check (wage_max >= 0),
    contract_type text not null check (contract_type in
        ('permanent', 'fixed_term', 'daily', 'part_time', 'apprenticeship')),
    apprenticeship_months smallint check (apprenticeship_months between 1 and 36),
    stipend bigint check (stipend >= 0),
    opens_on date not null,
    closes_on date not null,
    status text not null default 'open' check (status in ('open', 'filled', 'closed')),
    filled_reported_at timestamptz,
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (closes_on >= opens_on),
    check (wage_max is null or wage_min is null or wage_max >= wage_min),
    check (age_max is null or age_min is null or age_max >= age_min),
    check (filled <= openings),
    check ((type = 'apprenticeship') = (apprenticeship_months is not null))
);
create index vacancies_employer on vacancies (employer_id, status);
create index vacancies_office on vacancies (office_id, status);
create index vacancies_occupation on vacancies (occupation_code);

create table vacancy_competencies (
    vacancy_id bigint not null references vacancies (id) on delete cascade,
    competency_id bigint not null references competencies (id),
    mandatory boolean not null,
    min_level smallint not null default 1 check (min_level between 1 and 9),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (vacancy_id, competency_id)
);
create index vacancy_competencies_competency on vacancy_competencies (competency_id);

-- Penempatan.
create table placements (
    id bigint generated always as identity primary key,
    seeker_id bigint not null references seekers (id),
    vacancy_id bigint not null references vacancies (id),
    employer_id bigint not null references employers (id),
    type text not null check (type in ('job', 'apprenticeship')),
    start_date date not null,
    wage bigint check (wage >= 0),
    source text not null check (source in ('suggestion', 'direct')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (seeker_id, vacancy_id)
);
create index placements_vacancy on placements (vacancy_id);
create index placements_employer on placements (employer_id);

-- A retried POST with the same Idempotency-Key replays the first answer.
create table idempotency_keys (
    scope text not null,
    key text not null,
    request_hash bytea not null,
    status_code integer,
    response_body text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (scope, key)
);

do $$
declare t text;
begin
    foreach t in array array['regions', 'occupations', 'industries', 'competencies', 'offices', 'training_centres',
        'courses', 'course_competencies', 'course_occupations', 'cohorts', 'seekers', 'seeker_preferred_occupations',
        'seeker_preferred_regions', 'seeker_competencies', 'enrolments', 'enrolment_assessments', 'employers', 'mous',
        'vacancies', 'vacancy_competencies', 'placements', 'idempotency_keys']
    loop
        execute format('create trigger %I before update on %I for each row execute function set_updated_at()',
            t || '_updated_at', t);
    end loop;
end
$$;
