#!/usr/bin/env bash
# Ingestion benchmark: JSONL → classifier → SQLite and PostgreSQL end to end, 1/2/4 workers, batched against one post per transaction, a re-import
# of the same file, the PostgreSQL write strategies, and memory over 1,000,000 posts (SQLite). Writes docs/bench/ingestion.md.
# Usage: bench/ingestion.sh [POSTS RUNS MEMORY_POSTS]   (default 100000 3 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Ingestion.Bench -c Release -nologo -v quiet
out=docs/bench/ingestion.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
dotnet bench/Ingestion.Bench/bin/Release/net10.0/Ingestion.Bench.dll "${1:-100000}" "${2:-3}" "${3:-1000000}" > "$tmp"
{
  echo "# Ingestion benchmark"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo "- Load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average at the end; the machine is shared, so absolute speeds are noisy, ratios measured side by side are not)"
  echo "- .NET SDK $(dotnet --version); SQLite in WAL mode, synchronous=NORMAL, on the local disk; PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1) (Debian), a server of the bench's own on 127.0.0.1 with default durability (fsync, synchronous_commit on), client and server on the same 2 cores"
  echo "- Command: \`bench/ingestion.sh\` (the same FileImportService as \`socialwatch ingest --file\` and the drop folder)"
  echo
  cat "$tmp"
} > "$out"
cat "$out"
