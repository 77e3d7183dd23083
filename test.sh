#!/usr/bin/env bash
# Runs every test: installs what the tests need, builds once, runs all test projects.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
dotnet build SocialWatch.sln -c Release -nologo -v quiet
dotnet test SocialWatch.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
