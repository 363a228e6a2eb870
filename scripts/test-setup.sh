#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): makes sure the system packages the tests use are here, so
# the README's test line passes on a fresh Debian or Ubuntu machine with Node alone.
#   ffmpeg           the system ffmpeg the benchmark's figures describe (the bundled one comes with npm)
#   chromium         the in-chat player is tested in a real headless browser
#   pocketsphinx, pocketsphinx-en-us   speech to text of voice recordings
#   festival, festvox-us-slt-hts       the tests' recordings of known words
#   redis-server     the render-queue tests (test/global-redis.ts starts it on a free port)
# Installed with apt-get (after apt-get update) as root, or through sudo when it needs no password;
# otherwise it stops at once, before the build, with the exact command to run. Packages are checked
# with one dpkg-query, not PATH, so a run with the system ffmpeg hidden
# (scripts/without-system-ffmpeg.sh) does not try to install it again. It speaks on stderr only.
set -euo pipefail

packages=(ffmpeg chromium pocketsphinx pocketsphinx-en-us festival festvox-us-slt-hts redis-server)
say() { echo "test-setup: $*" >&2; }

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  say "the tests need these programs, which this script installs only on Debian or Ubuntu:"
  say "  ${packages[*]}"
  say "Install them with your system's package manager, then run npm test again."
  exit 1
fi

# dpkg-query names the packages it knows (with their state) and leaves out the ones it never saw.
installed=" $(dpkg-query -W -f='${Package}=${db:Status-Status} ' "${packages[@]}" 2>/dev/null || true)"
missing=()
for p in "${packages[@]}"; do
  [[ "$installed" == *" $p=installed "* ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  say "the system packages the tests use are installed (${packages[*]})"
  exit 0
fi

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [[ "$(id -u)" == 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  say "the tests need ${missing[*]}, and installing them needs root. Run this, then npm test again:"
  if command -v sudo >/dev/null; then
    echo "  sudo apt-get update && sudo ${install[*]}" >&2
  else
    echo "  su -c 'apt-get update && ${install[*]}'" >&2
  fi
  exit 1
fi
say "installing ${missing[*]} (apt-get update, then apt-get install)"
if ! "${as_root[@]}" apt-get update -qq >&2 ||
  ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null; then
  say "apt-get could not install ${missing[*]} (its message is above). Fix that, then npm test again."
  exit 1
fi
say "installed ${missing[*]}"
