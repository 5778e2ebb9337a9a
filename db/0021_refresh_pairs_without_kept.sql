-- The join of a refresh in parts assigns again over every pair a part scored (Matching/Refresh/Reconcile.cs), so
-- whether the part kept a pair when it assigned alone is no longer read.

alter table matching_refresh_pairs drop column kept;
