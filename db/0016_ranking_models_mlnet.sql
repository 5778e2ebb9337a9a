-- Ranking models are ML.NET model zips from now on (LightGBM trains them through ML.NET; LinkMatch.Ranking serves
-- and explains them from the same file). The JSON models of LinkMatch's former trainer cannot be read by this
-- version: they stay as history with status 'obsolete' and are never served, promoted or rolled back to. With none
-- serving, the service registers the shipped baseline (ml-models/baseline.zip) at start and queues a full refresh
-- to replace the suggestions the obsolete model scored.
alter table ranking_models add column model_zip bytea;
alter table ranking_models alter column model_json drop not null;

alter table ranking_models drop constraint ranking_models_status_check;
alter table ranking_models add constraint ranking_models_status_check
    check (status in ('candidate', 'serving', 'retired', 'rejected', 'obsolete'));

update ranking_models
set status = 'obsolete',
    retired_at = coalesce(retired_at, now()),
    decision = concat_ws(' ', decision,
        'Obsolete: a JSON model of the former LinkMatch trainer, which this version cannot serve; kept as history.')
where model_zip is null;

-- Every model but an obsolete one has its zip; an obsolete one is never served.
alter table ranking_models add constraint ranking_models_zip_check
    check ((status = 'obsolete') = (model_zip is null));
