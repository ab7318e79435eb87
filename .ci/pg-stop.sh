#!/usr/bin/env bash
# Stop the server that pg-start.sh started and remove its files.
set -u
[ -n "${PGROOT:-}" ] && [ -d "$PGROOT" ] || exit 0
RUN=()
[ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
"${RUN[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1
rm -rf "$PGROOT"
