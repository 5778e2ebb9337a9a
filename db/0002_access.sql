-- Who may do what, and the record of it: users, employer API keys, consent, the audit log.

-- Admins (provincial), staff (one office) and instructors (one BLK) sign in with a password.
create table users (
    id bigint generated always as identity primary key,
    user_name text not null,
    display_name text not null,
    password_hash text not null,
    role text not null check (role in ('admin', 'staff', 'instructor')),
    office_id bigint references offices (id),
    training_centre_id bigint references training_centres (id),
    -- Changing the stamp invalidates every token issued before.
    security_stamp uuid not null default gen_random_uuid(),
    failed_logins integer not null default 0,
    locked_until timestamptz,
    disabled_at timestamptz,
    last_login_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((role = 'staff') = (office_id is not null)),
    check ((role = 'instructor') = (training_centre_id is not null))
);
create unique index users_user_name on users (lower(user_name));

-- Employers call the API with a key: 'lmk_' + an 8-character lookup prefix + '_' + the secret.
-- Only the SHA-256 of the whole key is kept.
create table api_keys (
    id bigint generated always as identity primary key,
    employer_id bigint not null references employers (id),
    name text not null,
    prefix text not null unique,
    secret_hash bytea not null check (length(secret_hash) = 32),
    created_by text not null,
    expires_at timestamptz,
    revoked_at timestamptz,
    revoked_by text,
    last_used_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index api_keys_employer on api_keys (employer_id);

-- Consent to matching (UU 27/2022): who recorded it, when and through which channel; withdrawal likewise.
create table seeker_consents (
    id bigint generated always as identity primary key,
    seeker_id bigint not null references seekers (id),
    purpose text not null default 'matching' check (purpose in ('matching')),
    granted_at timestamptz not null,
    channel text not null check (channel in ('in_person', 'paper_form', 'online', 'phone')),
    evidence text,
    recorded_by text not null,
    withdrawn_at timestamptz,
    withdrawal_channel text check (withdrawal_channel in ('in_person', 'paper_form', 'online', 'phone')),
    withdrawal_recorded_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((withdrawn_at is null) = (withdrawal_recorded_by is null))
);
create index seeker_consents_seeker on seeker_consents (seeker_id, granted_at desc);
create unique index seeker_consents_one_open on seeker_consents (seeker_id, purpose) where withdrawn_at is null;

-- Append-only record of processing: every read of personal data and every change.
-- It never holds personal data itself: entities are named by id.
create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    actor_kind text not null check (actor_kind in ('user', 'api_key', 'system', 'anonymous')),
    actor_id bigint,
    actor_name text not null,
    action text not null,
    entity text not null,
    entity_id bigint,
    seeker_id bigint,
    remote_address text,
    request_id text,
    details jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index audit_log_seeker on audit_log (seeker_id, at) where seeker_id is not null;
create index audit_log_actor on audit_log (actor_kind, actor_id, at);
create index audit_log_at on audit_log (at);

revoke update, delete, truncate on audit_log from linkmatch_app;

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();

-- ASP.NET Core Data Protection keys, shared by every instance so tokens survive restarts and load balancing.
create table data_protection_keys (
    id bigint generated always as identity primary key,
    friendly_name text not null unique,
    xml text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

do $$
declare t text;
begin
    foreach t in array array['users', 'api_keys', 'seeker_consents', 'data_protection_keys']
    loop
        execute format('create trigger %I before update on %I for each row execute function set_updated_at()',
            t || '_updated_at', t);
    end loop;
end
$$;
