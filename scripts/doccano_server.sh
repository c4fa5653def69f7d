#!/usr/bin/env bash
# Local doccano 1.8.4 server for the svpol annotation workflow.
#
#   scripts/doccano_server.sh install   create .venv-doccano/ from requirements/doccano-server.txt
#   scripts/doccano_server.sh up        install if needed, init the SQLite db + admin, start web app and task worker
#   scripts/doccano_server.sh down      stop both processes (by their recorded pids)
#   scripts/doccano_server.sh status    print what runs and whether the API answers (exit 0 only if it does)
#
# Settings (environment, or DOCCANO_* lines in one .env file: $SVPOL_ENV_FILE, else the repository's
# .env; the environment wins). `svpol doccano` reads the same file.
#   DOCCANO_PORT      web port on 127.0.0.1 (default 8000)
#   DOCCANO_ALLOWED_HOSTS  Host headers the server accepts (default "127.0.0.1,localhost")
#   DOCCANO_MEDIA_TTL seconds an export zip or upload may stay in media/ (default 600; swept by the worker)
#   DOCCANO_DATA      data folder: db.sqlite3, media/, logs/, pid files (default <repo>/.doccano)
#   DOCCANO_USERNAME  admin user (default "admin")
#   DOCCANO_PASSWORD  admin password (default "svpol-local-admin": for local use only)
#   DOCCANO_WORKERS   gunicorn workers (default 2)
#   DOCCANO_VENV      server virtualenv (default <repo>/.venv-doccano)
#   DOCCANO_PYTHON    interpreter used to create that virtualenv (default python3.11, else python3)
#   DOCCANO_UP_TIMEOUT seconds to wait for the API and the worker (default 120)
#
# The web app is bound to 127.0.0.1 only (doccano's own `webserver` command binds 0.0.0.0, so it is
# not used) and runs with scripts/doccano/svpol_doccano_settings.py: allowed hosts limited, no
# document text in the logs. Data files are private (umask 077: db.sqlite3 holds API tokens and
# session keys). Credentials are never printed; the admin password reaches Django through the
# environment, and `up` applies it again when the server already runs (a changed password takes).
set -euo pipefail
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_FILE="${SVPOL_ENV_FILE:-$ROOT/.env}"

# --- settings: .env (DOCCANO_* keys only, no shell evaluation), then defaults ---------------------
if [[ -f "$ENV_FILE" ]]; then
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?(DOCCANO_[A-Z_]+)[[:space:]]*=(.*)$ ]] || continue
    key="${BASH_REMATCH[2]}"; val="${BASH_REMATCH[3]}"
    val="${val#"${val%%[![:space:]]*}"}"; val="${val%"${val##*[![:space:]]}"}"
    if [[ "$val" =~ ^\"(.*)\"$ || "$val" =~ ^\'(.*)\'$ ]]; then val="${BASH_REMATCH[1]}"; fi
    [[ -z "${!key+x}" ]] && export "$key=$val"
  done < "$ENV_FILE"
fi
PORT="${DOCCANO_PORT:-8000}"
DATA="${DOCCANO_DATA:-$ROOT/.doccano}"
VENV="${DOCCANO_VENV:-$ROOT/.venv-doccano}"
WORKERS="${DOCCANO_WORKERS:-2}"
UP_TIMEOUT="${DOCCANO_UP_TIMEOUT:-120}"
export DOCCANO_PORT="$PORT"
export DOCCANO_ALLOWED_HOSTS="${DOCCANO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DOCCANO_USERNAME="${DOCCANO_USERNAME:-admin}"
export DOCCANO_PASSWORD="${DOCCANO_PASSWORD:-svpol-local-admin}"
REQ="$ROOT/requirements/doccano-server.txt"
URL="http://127.0.0.1:$PORT"

mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
chmod -R go-rwx "$DATA" 2>/dev/null || true   # data folders made before umask 077 was set
LOGS="$DATA/logs"
WEB_PID="$DATA/web.pid"
TASK_PID="$DATA/task.pid"

log() { printf 'doccano: %s\n' "$*" >&2; }
ON_FAIL=""
die() { printf 'doccano: error: %s\n' "$*" >&2; [[ -n "$ON_FAIL" ]] && $ON_FAIL; exit 1; }

backend_dir() { echo "$VENV/lib/python3.11/site-packages/backend"; }

# --- install --------------------------------------------------------------------------------------
cmd_install() {
  local stamp="$VENV/.svpol-requirements.sha256" want
  want="$(sha256sum "$REQ" | cut -d' ' -f1)"
  if [[ -x "$VENV/bin/gunicorn" && -x "$VENV/bin/celery" && -d "$(backend_dir)" \
        && "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  local py="${DOCCANO_PYTHON:-}"
  if [[ -z "$py" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
  fi
  "$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
    || die "doccano 1.8.4 needs Python 3.11 (set DOCCANO_PYTHON)"
  log "installing doccano into ${VENV#"$ROOT"/} (takes about 1-2 minutes)"
  local t0=$SECONDS
  [[ -x "$VENV/bin/python" ]] || "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" \
    || die "pip install -r ${REQ#"$ROOT"/} failed"
  echo "$want" > "$stamp"
  log "installed in $((SECONDS - t0)) s"
}

# --- helpers --------------------------------------------------------------------------------------
# pid_alive FILE PATTERN: the pid recorded in FILE runs and its command line matches PATTERN
pid_alive() {
  local f="$1" pat="$2" pid
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' < "$f")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$pat"
}

api_answers() {
  # any HTTP answer from the API (401/403 without credentials) means the web app is up
  local code
  code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$URL/v1/me" 2>/dev/null || true)"
  [[ "$code" =~ ^(200|401|403)$ ]]
}

django_env() {
  export DJANGO_SETTINGS_MODULE=svpol_doccano_settings
  export PYTHONPATH="$ROOT/scripts/doccano${PYTHONPATH:+:$PYTHONPATH}"
  export STANDALONE=True DEBUG=False
  export DATABASE_URL="sqlite:///$DATA/db.sqlite3"
  export MEDIA_ROOT="$DATA/media"
  export PYTHONUNBUFFERED=1
  # a per-installation secret instead of doccano's built-in default key
  if [[ ! -s "$DATA/secret_key" ]]; then
    (umask 077; "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))' > "$DATA/secret_key")
  fi
  SECRET_KEY="$(cat "$DATA/secret_key")"; export SECRET_KEY
}

cmd_init() {
  log "initialising database in ${DATA#"$ROOT"/}"
  (cd "$(backend_dir)" && "$VENV/bin/python" - >> "$LOGS/init.log" 2>&1) <<'EOF' \
    || die "database initialisation failed: see ${LOGS#"$ROOT"/}/init.log"
import os, django
django.setup()
from django.core import management
from django.contrib.auth import get_user_model
management.call_command("migrate", interactive=False, verbosity=0)
management.call_command("create_roles")
User = get_user_model()
name, pw = os.environ["DOCCANO_USERNAME"], os.environ["DOCCANO_PASSWORD"]
user, created = User.objects.get_or_create(username=name, defaults={"email": "admin@localhost"})
user.is_staff = user.is_superuser = True
user.set_password(pw)
user.save()
print("admin user", "created" if created else "updated")
EOF
}

# --- up / down / status ---------------------------------------------------------------------------
cmd_up() {
  local t0=$SECONDS task_log_offset=0
  mkdir -p "$LOGS" "$DATA/media"
  local web_ok=0 task_ok=0
  pid_alive "$WEB_PID" gunicorn && web_ok=1
  pid_alive "$TASK_PID" celery && task_ok=1
  if (( web_ok && task_ok )) && api_answers; then
    django_env
    cmd_init   # a DOCCANO_PASSWORD changed in .env takes effect now
    log "already running at $URL (admin password applied)"
    return 0
  fi
  if (( ! web_ok )) && api_answers; then
    die "port $PORT already answers but not from this data folder's server (set DOCCANO_PORT)"
  fi
  cmd_install
  django_env
  cmd_init
  unset DOCCANO_PASSWORD   # the servers do not need it
  local backend; backend="$(backend_dir)"
  STARTED_WEB=$(( ! web_ok )); STARTED_TASK=$(( ! task_ok ))
  ON_FAIL=stop_started   # a failed start leaves nothing running
  if (( ! web_ok )); then
    rm -f "$WEB_PID"
    (cd "$backend" && exec nohup "$VENV/bin/gunicorn" --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
       --chdir "$backend" --capture-output --log-level info --timeout 120 \
       config.wsgi </dev/null >> "$LOGS/web.log" 2>&1) &
    echo $! > "$WEB_PID"     # exec keeps the pid: this is the gunicorn master
  fi
  if (( ! task_ok )); then
    rm -f "$TASK_PID"
    task_log_offset="$(stat -c %s "$LOGS/task.log" 2>/dev/null || echo 0)"
    (cd "$backend" && exec nohup "$VENV/bin/celery" --app=config --workdir="$backend" worker \
       --loglevel=info --concurrency=1 --pool=solo --hostname "svpol-doccano@%h" \
       </dev/null >> "$LOGS/task.log" 2>&1) &
    echo $! > "$TASK_PID"
  fi
  local deadline=$((SECONDS + UP_TIMEOUT)) api=0 worker=$task_ok
  while (( SECONDS < deadline )); do
    (( api )) || { api_answers && api=1; }
    (( worker )) || { tail -c "+$((task_log_offset + 1))" "$LOGS/task.log" 2>/dev/null | grep -q "ready\." && worker=1; }
    (( api && worker )) && break
    pid_alive "$WEB_PID" gunicorn || die "web app exited: see ${LOGS#"$ROOT"/}/web.log"
    pid_alive "$TASK_PID" celery || die "task worker exited: see ${LOGS#"$ROOT"/}/task.log"
    sleep 1
  done
  (( api )) || die "API did not answer at $URL within ${UP_TIMEOUT}s: see ${LOGS#"$ROOT"/}/web.log"
  (( worker )) || die "task worker not ready within ${UP_TIMEOUT}s: see ${LOGS#"$ROOT"/}/task.log"
  ON_FAIL=""
  log "up at $URL (web pid $(cat "$WEB_PID"), worker pid $(cat "$TASK_PID"), $((SECONDS - t0)) s)"
}

stop_one() {
  local f="$1" pat="$2" what="$3" pid i
  if ! pid_alive "$f" "$pat"; then rm -f "$f"; return 0; fi
  pid="$(tr -dc '0-9' < "$f")"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$what (pid $pid) did not stop; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
  log "stopped $what (pid $pid)"
}

STARTED_WEB=0
STARTED_TASK=0
stop_started() {
  ON_FAIL=""
  (( STARTED_WEB )) && stop_one "$WEB_PID" gunicorn "web app"
  (( STARTED_TASK )) && stop_one "$TASK_PID" celery "task worker"
  return 0
}

cmd_down() {
  stop_one "$WEB_PID" gunicorn "web app"
  stop_one "$TASK_PID" celery "task worker"
}

cmd_status() {
  local rc=0
  if pid_alive "$WEB_PID" gunicorn; then echo "web app: running (pid $(cat "$WEB_PID"))"; else echo "web app: stopped"; rc=1; fi
  if pid_alive "$TASK_PID" celery; then echo "task worker: running (pid $(cat "$TASK_PID"))"; else echo "task worker: stopped"; rc=1; fi
  if api_answers; then echo "API: answers at $URL"; else echo "API: no answer at $URL"; rc=1; fi
  return $rc
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|up|down|status}" >&2; exit 2 ;;
esac
