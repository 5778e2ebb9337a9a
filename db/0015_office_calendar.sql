-- An MoU's status follows the office's calendar (WITA, Asia/Makassar, as the service's "today" does), not the
-- database server's zone: an MoU valid until a day is expired from the first minute of the next day in Balikpapan.
create or replace function mou_status(valid_until date, terminated_on date) returns text
language sql stable parallel safe as $$
    select case
        when terminated_on is not null and terminated_on <= (now() at time zone 'Asia/Makassar')::date then 'terminated'
        when valid_until < (now() at time zone 'Asia/Makassar')::date then 'expired'
        else 'active'
    end
$$;
