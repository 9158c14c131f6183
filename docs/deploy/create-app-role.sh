#!/bin/sh
# Creates the login role the web and workers use: not a superuser, not BYPASSRLS.
# Row-level security binds it; migrations (run as the owner) grant it table rights.
set -e
psql -v ON_ERROR_STOP=1 --username postgres --dbname appraisal <<SQL
CREATE ROLE appraisal_app LOGIN PASSWORD '${APP_DB_PASSWORD}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT CONNECT ON DATABASE appraisal TO appraisal_app;
SQL
