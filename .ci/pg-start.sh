#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 on 127.0.0.1 with Latvian (ICU lv-LV) collation.
# Usage: eval "$(bash .ci/pg-start.sh)"  -> exports PGROOT, PGPORT, DATABASE_URL
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGROOT=$(mktemp -d /tmp/pgci.XXXXXX)
RUN=()
if [ "$(id -u)" = 0 ]; then   # initdb and postgres refuse to run as root
  chown postgres:postgres "$PGROOT"
  RUN=(runuser -u postgres --)
fi
"${RUN[@]}" "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust \
  --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=lv-LV \
  >"$PGROOT/initdb.log" 2>&1 || { cat "$PGROOT/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$PGROOT/server.log" >&2; exit 1; }
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE portal"
echo "export PGROOT=$PGROOT PGPORT=$PGPORT"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/portal"
