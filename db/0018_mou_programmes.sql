-- MoU programmes: counterparties beyond employers and BLKs, the programme items (commitments) an MoU carries, and
-- the activities staff record against them where the registry cannot see the work.

-- A university (perguruan tinggi) or another government body (a ministry directorate, another province's agency)
-- is named on the MoU itself: such partners never post vacancies and hold no accounts. Exactly one counterparty.
alter table mous
    add column partner_kind text check (partner_kind in ('university', 'government')),
    add column partner_name text check (length(partner_name) between 3 and 200);
alter table mous drop constraint mous_check;
alter table mous add constraint mous_one_counterparty check (
    num_nonnulls(employer_id, training_centre_id, partner_name) = 1
    and (partner_kind is null) = (partner_name is null));

-- Butir kerja sama: what one side of the MoU committed to deliver, over a period, with a target where it has one.
create table mou_commitments (
    id bigint generated always as identity primary key,
    mou_id bigint not null references mous (id),
    kind text not null check (kind in ('placements', 'apprenticeships', 'training_seats', 'certifications',
        'instructors', 'facility_use', 'field_study', 'other')),
    target integer check (target between 0 and 1000000),
    starts_on date not null,
    ends_on date not null,
    owed_by text not null check (owed_by in ('office', 'partner')),
    description text not null check (length(description) between 3 and 1000),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (ends_on >= starts_on)
);
create index mou_commitments_mou on mou_commitments (mou_id);

-- Kegiatan: a dated record of work done under a commitment (an instructor exchange, a field visit), with its
-- quantity and where the evidence is kept.
create table mou_activities (
    id bigint generated always as identity primary key,
    commitment_id bigint not null references mou_commitments (id) on delete cascade,
    occurred_on date not null,
    quantity integer not null check (quantity between 0 and 1000000),
    note text not null check (length(note) between 3 and 1000),
    evidence text check (length(evidence) between 1 and 500),
    recorded_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index mou_activities_commitment on mou_activities (commitment_id, occurred_on);

create trigger mou_commitments_updated_at before update on mou_commitments
    for each row execute function set_updated_at();
create trigger mou_activities_updated_at before update on mou_activities
    for each row execute function set_updated_at();

-- The MoU scorecard is stored like the other reports.
alter table report_snapshots drop constraint report_snapshots_kind_check;
alter table report_snapshots add constraint report_snapshots_kind_check
    check (kind in ('uptake', 'training-gaps', 'ipk', 'equal-opportunity', 'mou-scorecard'));
