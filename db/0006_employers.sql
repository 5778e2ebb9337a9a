-- Employers, MoUs, vacancies and placements: the derived MoU status and the indexes their lists filter on.

-- An MoU's status is never stored: it follows from its dates, so no row can hold a stale 'expired'.
-- A termination may be dated ahead (a notice period); the MoU stays active until that day.
create function mou_status(valid_until date, terminated_on date) returns text
language sql stable parallel safe as $$
    select case
        when terminated_on is not null and terminated_on <= current_date then 'terminated'
        when valid_until < current_date then 'expired'
        else 'active'
    end
$$;

create index mous_office on mous (office_id);
create index vacancies_work_region on vacancies (work_region_code, status);
create index vacancies_opens_on on vacancies (opens_on);
create index placements_start_date on placements (start_date);
-- Idempotency keys older than the replay window may be reused or purged.
create index idempotency_keys_created_at on idempotency_keys (created_at);
