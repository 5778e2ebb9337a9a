-- The roles and the database of a LinkMatch deployment. Run once as the PostgreSQL superuser, before the first
-- migrate; running it again only resets the two passwords:
--   psql -v owner_password=... -v app_password=... -f deploy/roles.sql
-- (deploy/compose.yaml runs it through deploy/initdb.sh when the database volume is new.)
--
-- linkmatch_owner owns the database and the schema and applies the migrations (ConnectionStrings__Migrations).
-- linkmatch_app is the login the service runs as (ConnectionStrings__Default): the migrations grant it reading and
-- writing the tables, and never altering or deleting the audit log; it creates nothing.
\set ON_ERROR_STOP on

select format('create role linkmatch_owner login password %L', :'owner_password')
where not exists (select from pg_roles where rolname = 'linkmatch_owner') \gexec
select format('alter role linkmatch_owner login password %L', :'owner_password') \gexec

-- The first migration would create linkmatch_app without a login; made here, it can sign in.
select format('create role linkmatch_app login password %L', :'app_password')
where not exists (select from pg_roles where rolname = 'linkmatch_app') \gexec
select format('alter role linkmatch_app login nocreatedb nocreaterole password %L', :'app_password') \gexec

select 'create database linkmatch owner linkmatch_owner encoding ''UTF8'' template template0'
where not exists (select from pg_database where datname = 'linkmatch') \gexec

-- Only the two roles connect. The service needs temporary tables (the suggestion refreshes stage rows in them);
-- PostgreSQL 15 lets only the database owner create in schema public (it belongs to pg_database_owner), so
-- linkmatch_app cannot create tables there.
revoke all on database linkmatch from public;
grant connect, temporary on database linkmatch to linkmatch_owner, linkmatch_app;
