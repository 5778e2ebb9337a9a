-- Training (BLK courses, cohorts, enrolments): rules the registry left to the application, made firm in the schema,
-- and the indexes the training lists filter by.

-- Only a completed enrolment has a completion date; only a completed enrolment carries a certificate, and a
-- certificate always names its scheme and the LSP that issued it.
alter table enrolments
    add constraint enrolments_completed_on check ((status = 'completed') = (completed_on is not null)),
    add constraint enrolments_certificate check (certificate_number is null
        or (status = 'completed' and certificate_scheme is not null and certificate_lsp is not null));

-- Courses are listed by the occupations they prepare for; cohorts by when they run.
create index course_occupations_occupation on course_occupations (occupation_code);
create index cohorts_dates on cohorts (starts_on, ends_on);
