# pgAdmin 4 configuration for the pgaw class server.
#
# Mounted read-only into every pgAdmin replica as /etc/pgadmin/config_system.py (pgAdmin loads it last, so it
# wins over the image's own settings). The end-to-end test loads the very same file through
# CONFIG_DISTRO_FILE_PATH. Everything that differs between those two places comes from PGAW_* environment
# variables with the container's values as defaults; every secret comes from a file (Docker secrets), never
# from the environment and never from this file.
import os
from urllib.parse import quote


def _env(name, default):
    value = os.environ.get(name, '').strip()
    return value if value else default


def _secret(name):
    """Reads one Docker secret; a missing or empty one stops pgAdmin with a message naming the file."""
    path = os.path.join(_env('PGAW_SECRETS_DIR', '/run/secrets'), name)
    try:
        with open(path, encoding='utf-8') as f:
            value = f.read().strip()
    except OSError as e:
        raise RuntimeError('pgaw: cannot read the secret file %s (%s); run stack/up.sh, which creates it'
                           % (path, e.strerror)) from None
    if not value:
        raise RuntimeError('pgaw: the secret file %s is empty' % path)
    return value


# --- who may use it ------------------------------------------------------------------------------------------
SERVER_MODE = True                  # logins, one settings row per learner
UPGRADE_CHECK_ENABLED = False       # no calls to the internet; we pin the version in compose.yaml
AUTO_DISCOVER_SERVERS = False       # learners see only the preloaded AdventureWorks entry
ENABLE_PSQL = False                 # no shell-like tool on the pgAdmin host
ENABLE_BINARY_PATH_BROWSING = False
LLM_ENABLED = False                 # nothing leaves the server
SHOW_GRAVATAR_IMAGE = False         # else every page makes the learner's browser fetch an image from gravatar.com
MAX_LOGIN_ATTEMPTS = 5              # then the account is locked until the teacher unlocks it
PASSWORD_LENGTH_MIN = 12

# --- where its state lives -----------------------------------------------------------------------------------
# Per replica: sessions, logs, storage. Shared by all replicas: the settings database below.
DATA_DIR = _env('PGAW_PGADMIN_DATA_DIR', '/var/lib/pgadmin')
LOG_FILE = os.path.join(DATA_DIR, 'pgadmin4.log')
CONSOLE_LOG_LEVEL = 30              # WARNING: never log request bodies (they hold passwords)
FILE_LOG_LEVEL = 30

# The shared settings database. Each part is URL-encoded so that any generated password works in the URI.
CONFIG_DATABASE_URI = 'postgresql://%s:%s@%s:%s/%s' % (
    quote(_env('PGAW_SETTINGS_DB_USER', 'pgadmin'), safe=''),
    quote(_secret('settings_db_password'), safe=''),
    _env('PGAW_SETTINGS_DB_HOST', 'settings-db'),
    int(_env('PGAW_SETTINGS_DB_PORT', '5432')),
    quote(_env('PGAW_SETTINGS_DB_NAME', 'pgadmin'), safe=''),
)
# Three replicas and the setup job share that server: keep each one's pool small.
CONFIG_DATABASE_CONNECTION_POOL_SIZE = 3
CONFIG_DATABASE_CONNECTION_MAX_OVERFLOW = 10

# --- behind nginx ---------------------------------------------------------------------------------------------
# nginx terminates TLS and sets X-Forwarded-For/-Proto/-Host once; trust exactly one hop of each.
PROXY_X_FOR_COUNT = 1
PROXY_X_PROTO_COUNT = 1
PROXY_X_HOST_COUNT = 1
PROXY_X_PORT_COUNT = 0
PROXY_X_PREFIX_COUNT = 0
SESSION_COOKIE_SECURE = _env('PGAW_COOKIE_SECURE', 'true') == 'true'
SESSION_COOKIE_SAMESITE = 'Lax'
USER_INACTIVITY_TIMEOUT = 0
SESSION_EXPIRATION_TIME = 1         # days: a lesson, not a month
