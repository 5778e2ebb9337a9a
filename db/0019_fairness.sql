-- Fairness: what the disability-quota view needs of an employer, and the equal-opportunity figures of each
-- ranking model on its held-out vacancies (Reports/README.md, "Equal opportunity"; Matching/README.md).

-- UU 8/2016 art. 53: government bodies, BUMN and BUMD employ at least 2 % people with disabilities, private
-- companies at least 1 %. The workforce an employer stated says nothing without the day it was stated.
alter table employers
    add column ownership text not null default 'private'
        check (ownership in ('private', 'government', 'bumn', 'bumd')),
    add column workforce_as_of date,
    add constraint employers_workforce_as_of_check check (workforce_as_of is null or workforce is not null);

-- The share of each group's candidates a model ranks in the top 10 of the held-out vacancies, beside the serving
-- model's on the same slice; null for models stored before this migration and for a baseline without them.
alter table ranking_models add column fairness jsonb;
