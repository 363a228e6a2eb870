#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): makes sure the system packages the tests use are here, so
# the README's test line passes on a fresh Debian or Ubuntu machine with Node alone.
#   ffmpeg           the system ffmpeg the README's figures describe (the bundled one comes with npm)
#   chromium         the in-chat player is tested in a real headless browser
#   pocketsphinx, pocketsphinx-en-us   speech to text of voice recordings
#   festival, festvox-us-slt-hts       the tests' recordings of known words
#   redis-server     the render-queue tests (test/global-redis.ts starts it on a free port)
# Installed with apt-get as root, or through sudo when it needs no password; otherwise it stops at
# once with the exact command to run. Packages are checked with dpkg, not PATH, so a run with the
# system ffmpeg hidden (scripts/without-system-ffmpeg.sh) does not try to install it again.
set -euo pipefail

packages=(ffmpeg chromium pocketsphinx pocketsphinx-en-us festival festvox-us-slt-hts redis-server)

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "test-setup: the tests need these programs, which this script installs only on Debian or Ubuntu:" >&2
  echo "  ${packages[*]}" >&2
  echo "Install them with your system's package manager, then run npm test again." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "test-setup: the tests need ${missing[*]}. Install them, then run npm test again:" >&2
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi
echo "test-setup: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" "${install[@]}" >/dev/null
