# Shared helpers for Ops/run, Ops/test, Ops/stop, Ops/bench and Ops/chaos.
# Source it; it defines functions only (plus MUTUALIS_ROOT).
# shellcheck shell=bash

MUTUALIS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MUTUALIS_ROOT

log() { printf '\033[1m[mutualis]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[mutualis] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Debian packages the platform needs to build, run and be tested.
MUTUALIS_APT_PACKAGES=(
  postgresql postgresql-contrib libpq-dev
  redis-server redis-tools libhiredis-dev
  libssl-dev openssl pkg-config ca-certificates curl
  libxml2-utils libxml2-dev
)

# Installs whichever of the given Debian packages are missing (all of MUTUALIS_APT_PACKAGES
# by default). Uses sudo when not root.
ensure_packages() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${MUTUALIS_APT_PACKAGES[@]}")
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  # The postgresql package would create and start a system-wide cluster; we run our own.
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/mutualis.conf >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  # redis-server's package starts a system service on 6379; ours run on their own ports.
}

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
  fi
  command -v swift >/dev/null 2>&1 || die "Swift 6 toolchain not found (expected on PATH or in /opt/swift); install it from swift.org first"
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  echo "$dir"
}

# PostgreSQL refuses to run as root: when we are root, the cluster belongs to `postgres`.
pg_user() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

random_secret() { openssl rand -hex 24; }

# pg_start DIR PORT: creates (once) and starts a cluster whose files live in DIR, listening on
# 127.0.0.1:PORT only (no Unix socket). Writes DIR/superuser.password on creation.
# Extra settings for postgresql.conf may be given in PG_EXTRA_CONF.
pg_start() {
  local dir=$1 port=$2 bin
  bin=$(pg_bindir)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" \
      || die "the postgres user cannot reach $dir; clone the project where other users may traverse its parent folders (not under /root)"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in $dir"
    local password
    password=$(random_secret)
    (umask 077; echo "$password" > "$dir/superuser.password")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/superuser.password"
    as_pg_user "$bin/initdb" -D "$dir/data" -U postgres --auth-host=scram-sha-256 --auth-local=trust \
      --pwfile="$dir/superuser.password" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    cat >>"$dir/data/postgresql.conf" <<CONF
# Mutualis local cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
logging_collector = off
${PG_EXTRA_CONF:-}
CONF
  fi
  if as_pg_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    return 0
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {
  local dir=$1
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_pg_user "$(pg_bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_restart() {
  local dir=$1
  as_pg_user "$(pg_bindir)/pg_ctl" -D "$dir/data" -m fast -w -l "$dir/server.log" restart >/dev/null
}

# pg_superuser_url DIR PORT [DB]
pg_superuser_url() {
  local dir=$1 port=$2 db=${3:-postgres}
  echo "postgresql://postgres:$(cat "$dir/superuser.password")@127.0.0.1:$port/$db"
}

# psql_super DIR PORT [psql args...]
psql_super() {
  local dir=$1 port=$2
  shift 2
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$(cat "$dir/superuser.password") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

# pg_ensure_role DIR PORT ROLE PASSWORD_FILE [LOGIN OPTIONS]: creates or updates a login role.
pg_ensure_role() {
  local dir=$1 port=$2 role=$3 password_file=$4 options=${5:-}
  if [ ! -f "$password_file" ]; then (umask 077; random_secret > "$password_file"); fi
  psql_super "$dir" "$port" -d postgres -v role="$role" -v password="$(cat "$password_file")" <<SQL
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L $options', :'role', :'password') \gexec
SQL
}

# pg_ensure_database DIR PORT DB OWNER
pg_ensure_database() {
  local dir=$1 port=$2 db=$3 owner=$4
  psql_super "$dir" "$port" -d postgres -v db="$db" -v owner="$owner" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

# redis_start DIR PORT [extra redis-server args]: a Redis whose files live in DIR.
redis_start() {
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir"
  if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    return 0
  fi
  log "starting Redis on 127.0.0.1:$port"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly yes "$@" \
    || die "Redis did not start"
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "Redis did not answer on port $port"
}

redis_stop() {
  local dir=$1
  [ -f "$dir/redis.pid" ] || return 0
  local pid
  pid=$(cat "$dir/redis.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/redis.pid"
}

# Debian packages only the tests need: a headless browser and its driver (Selenium is told
# where chromedriver is, so its own driver manager never reaches for the network).
MUTUALIS_TEST_APT_PACKAGES=(chromium chromium-driver python3-venv)

# ensure_test_tools: the test-only Debian packages and the pinned Python tools of
# Ops/requirements-test.txt in .local/venv (recreated when that file changes).
ensure_test_tools() {
  ensure_packages "${MUTUALIS_TEST_APT_PACKAGES[@]}"
  local venv="$MUTUALIS_ROOT/.local/venv" requirements="$MUTUALIS_ROOT/Ops/requirements-test.txt"
  local stamp="$venv/.requirements.sha256" wanted
  wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then return 0; fi
  log "installing the test tools (Python, pinned) into .local/venv"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" || die "pip install of the test tools failed"
  # Only for the axe-core script it bundles: its dependency (Playwright and its browsers) is not needed.
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
    "$(grep -E '^# no-deps: ' "$requirements" | sed 's/^# no-deps: //')" || die "pip install of axe-core failed"
  echo "$wanted" > "$stamp"
}
