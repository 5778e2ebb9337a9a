# shellcheck shell=bash
# Debian's Chromium for the console's browser tests (Playwright drives it; its own browser download is not used).
# Sourced, not run; needs lm_log, lm_die and lm_as_root from postgres.sh.

lm_ensure_chromium_installed() {
  if [ ! -x /usr/bin/chromium ]; then
    lm_log "installing Chromium with apt (once), for the console's browser tests"
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
      || lm_die "apt-get install chromium failed"
  fi
}
