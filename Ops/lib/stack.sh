# A throwaway PostgreSQL + Redis + migrated members for Ops/bench and Ops/chaos scripts.
# Source after common.sh; call stack_start NAME PG_PORT REDIS_PORT. Exports the MUTUALIS_*
# variables for the `mutualis` binary and sets STACK_DIR; stack_stop stops everything.
# shellcheck shell=bash

stack_start() {
  local name=$1 pg_port=$2 redis_port=$3
  STACK_DIR="$MUTUALIS_ROOT/.local/$name"
  STACK_PG_PORT=$pg_port
  STACK_REDIS_PORT=$redis_port
  export PG_EXTRA_CONF=${PG_EXTRA_CONF:-$'synchronous_commit = off'}
  pg_start "$STACK_DIR/pg" "$pg_port"
  pg_ensure_role "$STACK_DIR/pg" "$pg_port" mutualis "$STACK_DIR/pg/mutualis.password"
  pg_ensure_role "$STACK_DIR/pg" "$pg_port" mutualis_app "$STACK_DIR/pg/mutualis_app.password"
  # A fresh database each run.
  psql_super "$STACK_DIR/pg" "$pg_port" -d postgres -c "DROP DATABASE IF EXISTS mutualis WITH (FORCE)" >/dev/null
  pg_ensure_database "$STACK_DIR/pg" "$pg_port" mutualis mutualis
  redis_start "$STACK_DIR/redis" "$redis_port" --appendonly no
  redis-cli -p "$redis_port" flushall >/dev/null
  export MUTUALIS_DATABASE_URL="postgresql://mutualis_app:$(cat "$STACK_DIR/pg/mutualis_app.password")@127.0.0.1:$pg_port/mutualis"
  export MUTUALIS_MIGRATION_DATABASE_URL="postgresql://mutualis:$(cat "$STACK_DIR/pg/mutualis.password")@127.0.0.1:$pg_port/mutualis"
  export MUTUALIS_REDIS_URL="redis://127.0.0.1:$redis_port/0"
  export MUTUALIS_LOG_LEVEL=${MUTUALIS_LOG_LEVEL:-error}
  export PGPASSWORD
  PGPASSWORD=$(cat "$STACK_DIR/pg/mutualis.password")
}

stack_psql() {
  psql -X -q -At -h 127.0.0.1 -p "$STACK_PG_PORT" -U mutualis -d mutualis "$@"
}

stack_stop() {
  pg_stop "$STACK_DIR/pg"
  redis_stop "$STACK_DIR/redis"
}
