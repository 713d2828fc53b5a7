#!/usr/bin/env bash
# NexusChat's two entry points for a fresh Debian/Ubuntu machine:
#   ./build.sh run    installs what host mode needs (when no container engine answers), then runs the AppHost
#   ./build.sh test   installs what the tests start (servers, Chromium, Node packages), builds, runs every test and prints
#                     "tests: N passed, M failed, K skipped (K reason)"; exits non-zero if anything failed or nothing ran
set -euo pipefail
cd "$(dirname "$0")"

readonly HOST_PACKAGES=(redis-server redis-tools rabbitmq-server coturn prometheus prometheus-alertmanager)
# Browser tests drive Debian's Chromium through Playwright (its own browser download is not available).
readonly TEST_PACKAGES=(chromium)
readonly RESULTS_DIR=artifacts/test-results

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
  fi
}

container_engine_answers() {
  { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; } ||
    { command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; }
}

host_servers_present() {
  command -v redis-server >/dev/null 2>&1 && command -v turnserver >/dev/null 2>&1 &&
    command -v prometheus >/dev/null 2>&1 && command -v prometheus-alertmanager >/dev/null 2>&1 &&
    { [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1; }
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Please install as root: apt-get install -y $*" >&2
      exit 1
    fi
  fi
  log "Installing $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_host_servers() {
  host_servers_present || apt_install "${HOST_PACKAGES[@]}"
}

# The JavaScript client test (tests/js-client) runs the official @microsoft/signalr package under Node.
install_js_test_dependencies() {
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || apt_install nodejs npm
  log "Installing the JavaScript client test's packages"
  npm ci --prefix tests/js-client --no-audit --no-fund --loglevel=error >/dev/null
}

# The browser tests drive Debian's Chromium through Playwright.
install_test_packages() {
  [ -x /usr/bin/chromium ] || apt_install "${TEST_PACKAGES[@]}"
}

run_app() {
  require_dotnet
  if container_engine_answers; then
    log "A container engine answers: servers run as containers"
  else
    install_host_servers
  fi
  exec dotnet run --project src/NexusChat.AppHost --launch-profile http
}

# Sums the TRX counters of every test project into one closing line. TRX counts a skipped test as
# neither executed nor "notExecuted", so skipped = total - executed and failed = executed - passed.
# Skips are listed by reason (the text of the skip message up to its first ": "), e.g.
# "tests: 700 passed, 0 failed, 29 skipped (29 NEXUSCHAT_TEST_MONGODB is not set)".
print_summary() {
  local passed=0 failed=0 skipped=0 file counters total executed ok reasons=""
  for file in "$RESULTS_DIR"/*.trx; do
    [ -e "$file" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$file")
    total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
    executed=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
    ok=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
    passed=$((passed + ok))
    failed=$((failed + executed - ok))
    skipped=$((skipped + total - executed))
  done
  if [ "$skipped" -gt 0 ]; then
    reasons=" ($(skip_reasons | paste -sd ';' | sed 's/;/; /g'))"
  fi
  echo "tests: $passed passed, $failed failed, $skipped skipped$reasons"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# "<count> <reason>" per distinct skip reason, most frequent first, from the NotExecuted results' messages.
skip_reasons() {
  awk '
    /outcome="NotExecuted"/ { skipped = 1 }
    skipped && /<Message>/ {
      reason = $0
      sub(/.*<Message>/, "", reason); sub(/<\/Message>.*/, "", reason); sub(/: .*/, "", reason)
      count[reason]++; skipped = 0
    }
    /<\/UnitTestResult>/ { if (skipped) count["no reason given"]++; skipped = 0 }
    END { for (reason in count) print count[reason], reason }
  ' "$RESULTS_DIR"/*.trx | sort -rn
}

run_tests() {
  require_dotnet
  install_host_servers
  install_test_packages
  install_js_test_dependencies
  log "Building"
  dotnet build NexusChat.sln -c Debug -warnaserror -nologo -v quiet
  rm -rf "$RESULTS_DIR"
  log "Testing"
  # Everything the tests start is installed above, so a test that finds a server or Chromium missing fails
  # instead of skipping (tests/NexusChat.Tests/Infrastructure/RequiredTools.cs); only the MongoDB tests may skip.
  export CI="${CI:-true}"
  local status=0
  dotnet test NexusChat.sln -c Debug --no-build --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS_DIR" || status=$?
  print_summary || status=1
  return "$status"
}

case "${1:-}" in
  run) run_app ;;
  test) run_tests ;;
  *)
    echo "usage: ./build.sh run|test" >&2
    exit 64
    ;;
esac
