#!/usr/bin/env bash
# Classifier benchmarks: trains on data/training, evaluates on data/heldout, measures the false-flag rate on the
# EmoT tweets (read from the shared data folder, never copied), throughput, load time, memory over 1M posts, and
# compares with fastText and a keyword list in one run. Writes docs/bench/classifier.md.
# Usage: bench/classifier.sh [--speed] [EMOT_DIR]   (default /work/shared/data/indonlu-smsa-emot)
# --speed reruns only the speed section, on the shipped models/classifier.zip (no training) against fastText in one
# run, and replaces that section of docs/bench/classifier.md, keeping the rest of the file.
set -euo pipefail
cd "$(dirname "$0")/.."
speed_only=no
if [[ "${1:-}" == "--speed" ]]; then
  speed_only=yes
  shift
fi
emot="${1:-/work/shared/data/indonlu-smsa-emot}"
command -v fasttext >/dev/null || { echo "fasttext is not installed (Debian package 'fasttext')" >&2; exit 1; }
[[ -f "$emot/emot_train.csv" ]] || { echo "EmoT not found in $emot" >&2; exit 1; }

# The CLI as users install it for speed: `dotnet publish src/Cli` is a ReadyToRun build (src/Cli/SocialWatch.Cli.csproj).
cli_dir=bench/out/cli
rm -rf "$cli_dir"
dotnet publish src/Cli -c Release -nologo -v quiet -o "$cli_dir"
dotnet build bench/Classifier.Bench -c Release -nologo -v quiet

out=docs/bench/classifier.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [[ $speed_only == yes ]]; then
  dotnet bench/Classifier.Bench/bin/Release/net10.0/Classifier.Bench.dll side-by-side --root . --emot "$emot" \
    --cli "$cli_dir/socialwatch" > "$tmp"
  section=$(mktemp)
  {
    sed -n '1,2p' "$tmp"
    echo "Rerun on its own with \`bench/classifier.sh --speed\` on $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg) at the end (1/5/15 min); the rest of this file is from the run dated above."
    echo
    sed -n '3,$p' "$tmp"
  } > "$section"
  # Replace the lines from "## Speed" up to the next "## " heading.
  awk -v section="$section" '
    /^## Speed$/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    skipping && /^## / { skipping = 0 }
    !skipping { print }' "$out" > "$out.new"
  mv "$out.new" "$out"
  rm -f "$section"
  echo "updated the speed section of $out"
  exit 0
fi
dotnet bench/Classifier.Bench/bin/Release/net10.0/Classifier.Bench.dll all --root . --emot "$emot" \
  --cli "$cli_dir/socialwatch" > "$tmp"
{
  echo "# Classifier benchmark"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo "- Load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average at the end; the machine is shared, so absolute speeds are noisy, ratios measured side by side are not)"
  echo "- .NET SDK $(dotnet --version); fastText from Debian package $(dpkg-query -W -f="\${Version}" fasttext 2>/dev/null || echo "?")"
  echo "- Command: \`bench/classifier.sh\`"
  echo
  cat "$tmp"
  # What was read by hand (EmoT flags, the challenge set) is not measured here: keep it from the previous file.
  if [[ -f "$out" ]] && grep -q '^## EmoT flags read by hand' "$out"; then
    echo
    sed -n '/^## EmoT flags read by hand/,$p' "$out"
  fi
} > "$out.new"
mv "$out.new" "$out"
echo "wrote $out"
