#!/usr/bin/env bash
# Flag precision/recall/F1 on the held-out "real-style" slice (data/heldout/real-style.jsonl: replies, camp slurs,
# hashtag-only partisanship, sarcasm, incumbents running again, and their look-alikes; docs/corpus/real-style.md),
# reported apart from the rest of the held-out split, with macro-F1 of each and of the whole split, in two conditions:
#   model alone  the shipped contest files (data/contests), which know none of the slice's held-out names;
#   deployment   the contest files a deployment watching the slice's elections would load: data/contests plus
#                data/heldout/contests (a file there replaces the shipped file of the same name), read through
#                SOCIALWATCH__Classifier__LexiconDirectory as the service and the CLI read it.
# Usage: bench/real-style.sh [--model FILE] [--train]
#   --model FILE  evaluate this model file (default: the configured Classifier:ModelPath)
#   --train       first train a model on data/training into a temporary file and evaluate that one
set -euo pipefail
cd "$(dirname "$0")/.."

model=""
train=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) [[ $# -ge 2 ]] || { echo "--model needs a file" >&2; exit 2; }; model="$2"; shift 2 ;;
    --train) train=true; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

slice=data/heldout/real-style.jsonl
[[ -f "$slice" ]] || { echo "$slice not found" >&2; exit 1; }

dotnet build src/Cli -c Release -nologo -v quiet >/dev/null
cli=src/Cli/bin/Release/net10.0/socialwatch

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if $train; then
  # Same extension as the configured model, so the trainer writes the format the service reads.
  configured=$(jq -r '.Classifier.ModelPath // "models/classifier.zip"' appsettings.json)
  model="$work/model.${configured##*.}"
  "$cli" model train --data data/training --out "$model" >&2
fi
model_args=()
[[ -n "$model" ]] && model_args=(--model "$model")

# The rest of the held-out split, without the slice, as a folder the evaluator reads whole.
mkdir "$work/rest"
for f in data/heldout/*.jsonl; do
  [[ "$f" == "$slice" ]] || ln -s "$PWD/$f" "$work/rest/$(basename "$f")"
done

# The deployment's contest folder. Contest ids must be unique across the folder (the loader stops on a repeat),
# so a deployment that completes a shipped contest edits that file: here, the held-out file of the same name wins.
mkdir "$work/contests"
cp data/contests/*.json "$work/contests/"
cp data/heldout/contests/*.json "$work/contests/"

evaluate() { "$cli" model evaluate "${model_args[@]}" --data "$1" --json; }
evaluate_deployed() { SOCIALWATCH__Classifier__LexiconDirectory="$work/contests" evaluate "$1"; }
row() {
  jq -r --arg name "$1" '[$name, .rows, .flag.support, .flag.precision, .flag.recall, .flag.f1, .macroF1, "\(.falseFlags)/\(.nonFlagRows)"]
    | "| \(.[0]) | \(.[1]) | \(.[2]) | \(.[3]*1000|round/1000) | \(.[4]*1000|round/1000) | \(.[5]*1000|round/1000) | \(.[6]*1000|round/1000) | \(.[7]) |"'
}

slice_json=$(evaluate "$slice")
deployed_json=$(evaluate_deployed "$slice")
echo "model $(jq -r .model <<<"$slice_json")"
echo
echo "| contest files | held-out part | rows | flag rows | flag precision | flag recall | flag F1 | macro-F1 | false flags |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
row "model alone (data/contests) | real-style ($slice)" <<<"$slice_json"
evaluate "$work/rest" | row "model alone (data/contests) | rest (the other data/heldout files)"
evaluate data/heldout | row "model alone (data/contests) | all of data/heldout"
row "deployment (+ data/heldout/contests) | real-style ($slice)" <<<"$deployed_json"
evaluate_deployed "$work/rest" | row "deployment (+ data/heldout/contests) | rest (the other data/heldout files)"
evaluate_deployed data/heldout | row "deployment (+ data/heldout/contests) | all of data/heldout"
per_label() {
  jq -r '.labels | to_entries[] | "  \(.key): support \(.value.support), precision \(.value.precision*1000|round/1000), recall \(.value.recall*1000|round/1000)"'
}
echo
echo "Per label on the real-style slice, model alone:"
per_label <<<"$slice_json"
echo "Per label on the real-style slice, deployment:"
per_label <<<"$deployed_json"
