# shellcheck shell=bash
# Private PostgreSQL clusters for scripts/run and scripts/test. Sourced, not run.
#
# A cluster lives in .local/<name> of the checkout (git-ignored), listens on 127.0.0.1 only, on a port
# derived from the checkout's path so that two clones on one machine do not collide.
# Two roles: the superuser "postgres" runs migrations and creates databases; "linkmatch_app" is the
# role the service runs as (it may not alter or delete the audit log; see db/).

lm_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

lm_log() { printf '\033[1m[linkmatch]\033[0m %s\n' "$*" >&2; }

lm_die() { printf '\033[31m[linkmatch] %s\033[0m\n' "$*" >&2; exit 1; }

lm_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Runs a PostgreSQL server binary as the cluster's owner: root may not run initdb or pg_ctl.
lm_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

lm_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

lm_ensure_postgres_installed() {
  if [ -z "$(lm_pg_bin)" ] || ! command -v psql >/dev/null; then
    lm_log "installing PostgreSQL with apt (once)"
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || lm_die "apt-get install postgresql failed"
  fi
  # The Debian package starts a system cluster on 5432; ours are separate and do not need it.
}

# lm_port NAME -> a stable port for this checkout and cluster name
lm_port() {
  local sum
  sum=$(printf '%s/%s' "$(lm_root)" "$1" | cksum | cut -d' ' -f1)
  echo $((20000 + sum % 20000))
}

# lm_close_inherited_fds: closes every descriptor above 2 in this (sub)shell, but bash's own 255.
lm_close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# lm_start_cluster NAME [extra postgresql.conf lines...]: initialises once, starts if stopped.
# Sets LM_PG_PORT, LM_PG_DIR, LM_PG_LOG.
lm_start_cluster() {
  local name=$1; shift
  local root bin dir data port
  root=$(lm_root)
  bin=$(lm_pg_bin)
  dir="$root/.local/$name"
  data="$dir/data"
  port=$(lm_port "$name")
  mkdir -p "$dir/run" "$dir/log"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir" "$dir/run" "$dir/log"
    # The server runs as postgres: every parent of the cluster folder must be reachable by it.
    runuser -u postgres -- test -x "$dir" || lm_die "user postgres cannot reach $dir; clone into a world-readable folder"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    lm_log "creating a private PostgreSQL cluster in $dir"
    lm_as_pg "$bin/initdb" --no-sync -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$data" >"$dir/log/initdb.log" 2>&1 \
      || lm_die "initdb failed, see $dir/log/initdb.log"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir/run'"
      echo "max_connections = 300"
      echo "shared_buffers = 256MB"
      for line in "$@"; do echo "$line"; done
    } | lm_as_pg tee -a "$data/postgresql.conf" >/dev/null
  fi
  if ! lm_as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # The server inherits no descriptor but 0-2: a caller's lock (flock) would otherwise be held for the server's
    # whole life.
    (
      lm_close_inherited_fds
      lm_as_pg "$bin/pg_ctl" -D "$data" -w -t 60 -l "$dir/log/postgresql.log" start >/dev/null
    ) || lm_die "PostgreSQL did not start, see $dir/log/postgresql.log"
  fi
  LM_PG_PORT=$port
  LM_PG_DIR=$dir
  LM_PG_LOG="$dir/log/postgresql.log"
  lm_psql postgres -c "select 1" >/dev/null || lm_die "PostgreSQL on port $port does not answer"
  lm_psql postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
do $$ begin
  if not exists (select from pg_roles where rolname = 'linkmatch_app') then
    create role linkmatch_app login;
  end if;
end $$;
SQL
}

lm_psql() {
  local db=$1; shift
  psql -X -q -h 127.0.0.1 -p "$LM_PG_PORT" -U postgres -d "$db" "$@"
}

lm_ensure_database() {
  local db=$1
  if [ "$(lm_psql postgres -tAc "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    lm_psql postgres -c "create database \"$db\"" >/dev/null || lm_die "could not create database $db"
  fi
}

# Connection strings for the service (runtime role) and for migrations (owner).
lm_connection_strings() {
  local db=$1
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$LM_PG_PORT;Database=$db;Username=linkmatch_app"
  export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$LM_PG_PORT;Database=$db;Username=postgres"
}

lm_require_dotnet() {
  command -v dotnet >/dev/null || lm_die "the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH"
}

# LightGBM's native library (Microsoft.ML.LightGbm), which trains the ranking model in the service and the worker,
# needs the GNU OpenMP runtime.
lm_ensure_native_libraries() {
  if ! /sbin/ldconfig -p | grep 'libgomp\.so\.1 ' >/dev/null; then
    lm_log "installing libgomp1 with apt (once), for LightGBM"
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >/dev/null \
      || lm_die "apt-get install libgomp1 failed"
  fi
}
