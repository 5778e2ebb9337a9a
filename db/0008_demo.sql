-- Records that the demo world was loaded into this database, so scripts/run loads it once.
create table demo_loads (
    id bigint generated always as identity primary key,
    seed integer not null,
    anchor date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger demo_loads_updated_at before update on demo_loads for each row execute function set_updated_at();
