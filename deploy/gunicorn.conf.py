"""gunicorn behind the local nginx (deploy/nginx.conf). Each value can be set from the environment.

    gunicorn -c deploy/gunicorn.conf.py

deploy/stack.py sets GUNICORN_BIND to a socket in its run directory, and the log files there.
"""

import os

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]

# Sync workers: nginx buffers requests and responses, so a worker is never held by a slow client.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2))
# Load Django once in the master: workers start fast and share the loaded code.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
# A worker is replaced after this many requests (0: never), so that slow leaks cannot add up;
# the jitter keeps workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))
# The heartbeat file: memory, not the container's disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Only the local nginx may say which scheme the client used (X-Forwarded-Proto). Connections over
# a unix socket are always trusted: only processes on this machine can open it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's control socket defaults to one path per user, shared by every gunicorn the user runs.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The client (as nginx saw it), the request, status, size and the time taken in milliseconds.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "newsroom"
