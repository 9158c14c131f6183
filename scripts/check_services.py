"""Before the suite: PostgreSQL and Redis must answer. Say clearly how to start them if not."""

import os
import sys
from urllib.parse import urlparse

import psycopg2
import redis

db_url = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/appraisal")
redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
problems = []

parsed = urlparse(db_url)
try:
    psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg2.OperationalError as error:
    problems.append(
        f"PostgreSQL does not answer at {parsed.hostname}:{parsed.port or 5432} ({str(error).strip()}).\n"
        "  Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
    )

try:
    redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
except redis.RedisError as error:
    problems.append(
        f"Redis does not answer at {redis_url} ({error}).\n"
        "  Start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no"
    )

if problems:
    print("The test suite needs PostgreSQL and Redis running:\n" + "\n".join(problems), file=sys.stderr)
    sys.exit(1)
print("PostgreSQL and Redis answer.")
