#!/bin/sh
# Runs once, when the PostgreSQL volume is new (the postgres image runs /docker-entrypoint-initdb.d/*.sh).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$LINKMATCH_OWNER_PASSWORD" -v app_password="$LINKMATCH_APP_PASSWORD" \
  -f /linkmatch/roles.sql
