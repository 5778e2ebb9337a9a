# shellcheck shell=bash
# Podman and local stand-ins for the .NET base images, for scripts/container-smoke. Sourced after postgres.sh.
#
# Where the official registry is unreachable, the Dockerfile's SDK_IMAGE and RUNTIME_IMAGE are images made here: a
# minimal Debian (debootstrap) with ICU, tzdata and CA certificates, plus this machine's own .NET (the SDK image
# gets the whole install, the runtime image only the host and the shared runtimes) and the user app (uid 1654) of
# the official images. They are tagged with the .NET version and made once; a second run reuses them.

lm_ensure_podman() {
  local tool
  for tool in podman runc debootstrap podman-compose; do
    if ! command -v "$tool" >/dev/null; then
      lm_log "installing podman, runc, podman-compose and debootstrap with apt (once)"
      lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      lm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc podman-compose debootstrap >/dev/null \
        || lm_die "apt-get install podman runc podman-compose debootstrap failed"
      return
    fi
  done
}

# podman as root, in the ways that work inside a container or VM without systemd: cgroupfs (no systemd), runc (crun
# refuses a hybrid cgroup v1/v2 host), and limits no higher than this shell's (podman asks root's containers for
# 1048576 open files, which fails without CAP_SYS_RESOURCE). LM_PODMAN_LIMITS goes to podman build and run.
lm_podman() {
  lm_as_root podman --cgroup-manager=cgroupfs --runtime runc "$@"
}
LM_PODMAN_LIMITS=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit "nproc=4096:4096")

# lm_dotnet_home -> the folder that holds this machine's dotnet executable, sdk/ and shared/
lm_dotnet_home() {
  local exe
  exe=$(readlink -f "$(command -v dotnet)")
  dirname "$exe"
}

# lm_standin_images: makes (once) and names the stand-ins. Sets LM_SDK_IMAGE and LM_RUNTIME_IMAGE.
lm_standin_images() {
  local home version cache rootfs
  home=$(lm_dotnet_home)
  version=$(dotnet --version)
  LM_SDK_IMAGE="localhost/linkmatch-standin-sdk:$version"
  LM_RUNTIME_IMAGE="localhost/linkmatch-standin-aspnet:$version"
  if lm_podman image exists "$LM_SDK_IMAGE" && lm_podman image exists "$LM_RUNTIME_IMAGE"; then
    return
  fi
  cache="$(lm_root)/.local/container"
  rootfs="$cache/debian"
  if [ ! -f "$rootfs/.complete" ]; then
    lm_log "making a minimal Debian for the stand-in base images with debootstrap (once, a few minutes)"
    lm_as_root rm -rf "$rootfs"
    mkdir -p "$cache"
    lm_as_root debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata \
      bookworm "$rootfs" http://deb.debian.org/debian >"$cache/debootstrap.log" 2>&1 \
      || lm_die "debootstrap failed, see $cache/debootstrap.log"
    lm_as_root chroot "$rootfs" sh -c 'groupadd -g 1654 app && useradd -u 1654 -g 1654 -m -d /home/app app \
      && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin'
    lm_as_root touch "$rootfs/.complete"
  fi
  # The machine's own certificate authorities (a proxy that inspects TLS, say), so that the build's NuGet restore
  # trusts what this machine trusts.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    lm_as_root cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    lm_as_root chroot "$rootfs" update-ca-certificates >/dev/null 2>&1 || lm_die "update-ca-certificates failed in $rootfs"
  fi
  lm_log "importing the stand-in base images for .NET $version from $home"
  local env=(--change "ENV DOTNET_ROOT=/usr/share/dotnet" --change "ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    --change "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1" --change "ENV DOTNET_NOLOGO=1")
  # The runtime: the host (dotnet, host/) and shared/ (Microsoft.NETCore.App, Microsoft.AspNetCore.App).
  lm_standin_import "$rootfs" "$home" "$LM_RUNTIME_IMAGE" "dotnet host shared" \
    "${env[@]}" --change "ENV ASPNETCORE_HTTP_PORTS=8080" --change "WORKDIR /app"
  lm_standin_import "$rootfs" "$home" "$LM_SDK_IMAGE" "dotnet host shared sdk packs sdk-manifests templates" \
    "${env[@]}" --change "WORKDIR /src"
}

# lm_standin_import ROOTFS DOTNET_HOME TAG "ENTRIES OF DOTNET_HOME" [podman import options...]
lm_standin_import() {
  local rootfs=$1 home=$2 tag=$3 entries=$4; shift 4
  local stage entry
  stage=$(mktemp -d)
  mkdir -p "$stage/usr/share/dotnet" "$stage/usr/bin"
  for entry in $entries; do
    if [ -e "$home/$entry" ]; then cp -a "$home/$entry" "$stage/usr/share/dotnet/"; fi
  done
  ln -s /usr/share/dotnet/dotnet "$stage/usr/bin/dotnet"
  # One layer: Debian and .NET together.
  { lm_as_root tar -C "$rootfs" --exclude=./.complete -cf - . ; } >"$stage.tar"
  lm_as_root tar -C "$stage" -rf "$stage.tar" ./usr/share/dotnet ./usr/bin/dotnet
  lm_podman import -q "$@" "$stage.tar" "$tag" >/dev/null || lm_die "podman import of $tag failed"
  rm -rf "$stage" "$stage.tar"
}

# lm_standin_postgres_image: makes (once) a stand-in for postgres:15 for bringing deploy/compose.yaml up where the
# registry is unreachable: the same minimal Debian with Debian's PostgreSQL 15 and a small entrypoint that keeps the
# official image's contract (scripts/lib/standin-postgres-entrypoint.sh). Sets LM_POSTGRES_IMAGE.
lm_standin_postgres_image() {
  local rootfs stage
  LM_POSTGRES_IMAGE="localhost/linkmatch-standin-postgres:15"
  if lm_podman image exists "$LM_POSTGRES_IMAGE"; then return; fi
  rootfs="$(lm_root)/.local/container/debian"
  [ -f "$rootfs/.complete" ] || lm_die "the minimal Debian is missing: run lm_standin_images first"
  lm_log "making the stand-in PostgreSQL 15 image (once)"
  stage=$(mktemp -d)
  lm_as_root cp -a "$rootfs/." "$stage/"
  # No service starts inside the chroot, and no default cluster: the entrypoint makes one on the volume.
  printf '#!/bin/sh\nexit 101\n' | lm_as_root tee "$stage/usr/sbin/policy-rc.d" >/dev/null
  lm_as_root chmod +x "$stage/usr/sbin/policy-rc.d"
  lm_as_root chroot "$stage" sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null \
    && sed -i "s/^#\?create_main_cluster.*/create_main_cluster = false/" /etc/postgresql-common/createcluster.conf \
    && apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /usr/sbin/policy-rc.d' \
    >"$(lm_root)/.local/container/standin-postgres.log" 2>&1 \
    || { lm_as_root rm -rf "$stage"; lm_die "installing PostgreSQL 15 in the stand-in failed, see .local/container/standin-postgres.log"; }
  lm_as_root install -m 755 "$(lm_root)/scripts/lib/standin-postgres-entrypoint.sh" "$stage/usr/local/bin/docker-entrypoint.sh"
  lm_as_root tar -C "$stage" --exclude=./.complete -cf "$stage.tar" .
  lm_podman import -q \
    --change "ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV PGDATA=/var/lib/postgresql/data" --change "ENV LANG=C.UTF-8" \
    --change "VOLUME /var/lib/postgresql/data" --change "EXPOSE 5432" --change "STOPSIGNAL SIGINT" \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    "$stage.tar" "$LM_POSTGRES_IMAGE" >/dev/null || lm_die "podman import of $LM_POSTGRES_IMAGE failed"
  lm_as_root rm -rf "$stage" "$stage.tar"
}
