#!/usr/bin/env bash
# Serve a class: N processes of the app on consecutive ports, behind nginx with session
# affinity (deploy/nginx.conf). Students open http://<this machine>:PORT.
#
#   bash deploy/serve.sh                      # N = number of cores, nginx on 0.0.0.0:8080
#   bash deploy/serve.sh -n 2 -p 9000 -b 9101 -a 127.0.0.1
#
# -n N        app processes (default: the number of cores)
# -p PORT     nginx's port (default 8080)
# -a ADDRESS  nginx's address (default 0.0.0.0: the LAN; the app processes listen on
#             127.0.0.1 only, reachable through nginx)
# -b BASE     the first app port (default 8501: BASE, BASE+1, ...)
# Environment: PYTHON (default .venv/bin/python if there is one, else python3), RUN_DIR (logs,
# nginx's config and temp files; default a new folder under /tmp), DDPM_TRAIN_WORKERS
# (training worker processes per app process, default 1).
# Stops everything it started on Ctrl-C / SIGTERM, or when any of its processes ends.
set -euo pipefail
cd "$(dirname "$0")/.."

n=$(nproc 2>/dev/null || echo 2)
port=8080
addr=0.0.0.0
base=8501
while getopts "n:p:a:b:" opt; do
  case $opt in
    n) n=$OPTARG ;;
    p) port=$OPTARG ;;
    a) addr=$OPTARG ;;
    b) base=$OPTARG ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
done
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$NGINX" ] || { echo "serve.sh: nginx not found (Debian: apt-get install nginx)" >&2; exit 1; }
run=${RUN_DIR:-$(mktemp -d /tmp/ddpm-serve.XXXXXX)}
mkdir -p "$run"
export DDPM_TRAIN_WORKERS=${DDPM_TRAIN_WORKERS:-1}
# one cookie secret for all processes: a cookie any of them set is valid for the others
secret=$("$PYTHON" -c 'import secrets; print(secrets.token_hex(24))')

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

backends=""
for ((i = 0; i < n; i++)); do
  p=$((base + i))
  STREAMLIT_SERVER_COOKIE_SECRET=$secret "$PYTHON" -m streamlit run app.py --server.port "$p" \
    --server.address 127.0.0.1 --server.headless true >"$run/app$i.log" 2>&1 &
  pids+=($!)
  backends+="        server 127.0.0.1:$p;\n"
done

# deploy/nginx.conf with this run's folder, address and app processes
sed -e "s#@RUN@#$run#g" -e "s#@LISTEN@#$addr:$port#" -e "s#@STATIC@#$PWD/static#" \
    -e '/server 127\.0\.0\.1:[0-9]*;/d' -e "s#^ *\# @BACKENDS@.*#$backends#" \
    deploy/nginx.conf >"$run/nginx.conf"

for ((i = 0; i < n; i++)); do  # every app process healthy before nginx sends it anyone
  p=$((base + i))
  for _ in $(seq 600); do
    if "$PYTHON" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$p/_stcore/health', timeout=2)" 2>/dev/null; then
      break
    fi
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "serve.sh: app process $i died:" >&2; tail -5 "$run/app$i.log" >&2; exit 1; }
    sleep 0.5
  done
done

"$NGINX" -p "$run" -c "$run/nginx.conf" -g 'daemon off;' &
pids+=($!)
echo "serving $n app processes (ports $base-$((base + n - 1))) behind nginx on http://$addr:$port; logs in $run"
wait -n "${pids[@]}"
