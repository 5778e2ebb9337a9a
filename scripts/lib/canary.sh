# shellcheck shell=bash
# The canary seeker's personal data (tests/LinkMatch.Api.Tests/Infrastructure/CanaryGuard.cs) must never reach a
# log: scripts/test searches every service log and the PostgreSQL log lines of its run for it. Sourced, not run.

lm_canary_source() { echo "$(lm_root)/tests/LinkMatch.Api.Tests/Infrastructure/CanaryGuard.cs"; }

# Prints the values to search for, one a line: the NIK, the phone, the phone without its country code (as a
# local number would show it), the e-mail. Read from the C# constants so that the two never disagree.
lm_canary_values() {
  local file nik phone email
  file=$(lm_canary_source)
  nik=$(sed -n 's/.*const string Nik = "\([^"]*\)".*/\1/p' "$file")
  phone=$(sed -n 's/.*const string Phone = "\([^"]*\)".*/\1/p' "$file")
  email=$(sed -n 's/.*const string Email = "\([^"]*\)".*/\1/p' "$file")
  [ -n "$nik" ] && [ -n "$phone" ] && [ -n "$email" ] || lm_die "cannot read the canary's values from $file"
  printf '%s\n' "$nik" "$phone" "${phone#+62}" "$email"
}

# lm_canary_scan PG_LOG PG_OFFSET LOG...: fails, naming where, if a service log or the PostgreSQL log from the
# byte offset on holds any canary value. Prints only file names and line numbers, never the lines.
lm_canary_scan() {
  local pg_log=$1 pg_offset=$2; shift 2
  local patterns found=0 hits
  patterns=$(mktemp)
  lm_canary_values >"$patterns"
  if [ "$#" -gt 0 ]; then
    hits=$(grep -F -i -H -n -f "$patterns" "$@" 2>/dev/null | cut -d: -f1,2 | head -n 20 || true)
    if [ -n "$hits" ]; then
      printf '\033[31m[linkmatch] the canary seeker'"'"'s personal data is in service logs (file:line):\033[0m\n%s\n' "$hits" >&2
      found=1
    fi
  fi
  if [ -n "$pg_log" ] && [ -f "$pg_log" ]; then
    hits=$(tail -c +"$((pg_offset + 1))" "$pg_log" | grep -F -i -n -f "$patterns" | cut -d: -f1 | head -n 20 || true)
    if [ -n "$hits" ]; then
      printf '\033[31m[linkmatch] the canary seeker'"'"'s personal data is in %s, lines (from byte %s on): %s\033[0m\n' \
        "$pg_log" "$pg_offset" "$(echo "$hits" | tr '\n' ' ')" >&2
      found=1
    fi
  fi
  rm -f "$patterns"
  return "$found"
}
