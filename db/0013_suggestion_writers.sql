-- Which transaction wrote each suggestion row. A recompute reads in one transaction and writes in another; when it
-- replaces a vacancy's or a seeker's proposed rows it removes only those its reading saw, so a row written meanwhile
-- by a concurrent recompute (which knew of a newer seeker or vacancy) is not lost.
alter table suggestions add column computed_xid xid8 not null default pg_current_xact_id();
