#!/usr/bin/env bash
# Runs a command as on a fresh machine with no system ffmpeg: every PATH folder that holds an
# ffmpeg, ffprobe or ffplay is replaced by a shadow folder of links to everything else in it.
# Only what `npm install` brought (the bundled build) can then be found.
set -euo pipefail
shadow_root="$(mktemp -d)"
trap 'rm -rf "$shadow_root"' EXIT
new_path=""
i=0
IFS=':' read -r -a dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  if [[ -e "$dir/ffmpeg" || -e "$dir/ffprobe" || -e "$dir/ffplay" ]]; then
    i=$((i + 1))
    shadow="$shadow_root/$i"
    mkdir -p "$shadow"
    for entry in "$dir"/*; do
      case "$(basename "$entry")" in ffmpeg|ffprobe|ffplay) ;; *) ln -s "$entry" "$shadow/" ;; esac
    done
    dir="$shadow"
  fi
  new_path="${new_path:+$new_path:}$dir"
done
if PATH="$new_path" command -v ffmpeg >/dev/null || PATH="$new_path" command -v ffprobe >/dev/null; then
  echo "without-system-ffmpeg: could not hide ffmpeg" >&2
  exit 1
fi
PATH="$new_path" "$@"
