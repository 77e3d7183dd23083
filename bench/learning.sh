#!/usr/bin/env bash
# Learning from decisions: starting from the shipped model, feed officers' decisions on posts of a style it misses
# (bench/learning/mockery.jsonl, written for this benchmark, not in data/training) in rounds of 50, 100 and 200, and
# after each round report flag recall on the held-back part of that style (candidates of other provinces than the
# decisions name) and flag precision on data/heldout. Each round trains like `model retrain`: data/training plus the
# decisions, in the export's JSONL format, through the public CLI. Writes docs/bench/learning.md.
# Usage: bench/learning.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Cli -c Release -nologo -v quiet
cli="dotnet src/Cli/bin/Release/net10.0/socialwatch.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep '"part": "pool"' bench/learning/mockery.jsonl > "$work/pool.jsonl"
grep '"part": "heldback"' bench/learning/mockery.jsonl > "$work/heldback.jsonl"
grep '"part": "heldback-new"' bench/learning/mockery.jsonl > "$work/heldback-new.jsonl"

measure() { # model, rows label -> one table row
  local model=$1 decisions=$2
  local style fresh heldout
  style=$($cli model evaluate --model "$model" --data "$work/heldback.jsonl" --json 2>/dev/null)
  fresh=$($cli model evaluate --model "$model" --data "$work/heldback-new.jsonl" --json 2>/dev/null)
  heldout=$($cli model evaluate --model "$model" --data data/heldout --json 2>/dev/null)
  python3 - "$decisions" "$style" "$fresh" "$heldout" <<'PY'
import json, sys
n, style, fresh, heldout = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
def part(r):
    return f"{r['flag']['recall']:.3f} | {r['flag']['precision']:.3f} | {r['falseFlags']}/{r['nonFlagRows']}"
print(f"| {n} | {style['model']} | {part(style)} | {part(fresh)} "
      f"| {heldout['flag']['precision']:.3f} | {heldout['flag']['recall']:.3f} | {heldout['macroF1']:.3f} |")
PY
}

rows=$(mktemp)
measure models/classifier.zip "0 (shipped model)" >> "$rows"
for n in 50 100 200; do
  head -n "$n" "$work/pool.jsonl" > "$work/decisions-$n.jsonl"
  start=$(date +%s)
  $cli model train --data data/training --data "$work/decisions-$n.jsonl" --out "$work/m-$n.zip" --card "$work/card-$n.md" > /dev/null
  echo "round $n trained in $(( $(date +%s) - start )) s" >&2
  measure "$work/m-$n.zip" "$n" >> "$rows"
done

out=docs/bench/learning.md
{
  echo "# Learning from decisions: benchmark"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Command: \`bench/learning.sh\`; set: \`bench/learning/mockery.jsonl\` (\`bench/learning/generate.py\`)"
  echo
  echo "The style: mockery and sarcasm aimed at a named Pilkada 2024 candidate in reply style, with no election word"
  echo "(oppose), and everyday mentions of the same people as hard negatives (civic, other), 70/30. Decisions come from the"
  echo "pool (candidates of half the provinces, half of the sentence templates). Two held-back parts name only the other"
  echo "half's candidates: *new names* (200 posts, $(grep -c '"oppose"' "$work/heldback.jsonl") oppose) reuses the pool's templates, *new names and sentences*"
  echo "(200 posts, $(grep -c '"oppose"' "$work/heldback-new.jsonl") oppose) the other half of the templates, which no decision used: the honest measure of"
  echo "whether decisions taught the style rather than the sentences. Each round is a model trained on data/training plus"
  echo "the first N decisions of the pool. Flag recall / precision / false flags (civic and other posts flagged) per part."
  echo
  echo "| decisions | model | new names: recall | precision | false flags | new names and sentences: recall | precision | false flags | held-out flag precision | held-out flag recall | held-out macro-F1 |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$rows"
} > "$out"
rm -f "$rows"
cat "$out"
