#!/usr/bin/env python3
"""pgaw's pgAdmin chores, run with pgAdmin's own Python (in the pgadmin-setup container, or a venv in tests).

  init                 create or upgrade the shared settings database, once, before any replica starts;
                       make sure the teacher's account exists and sees the AdventureWorks server entry
  add-learners FILE    FILE ('-' = stdin) is JSON: [{"email": ..., "password": ..., "role": ...}, ...]; creates the pgAdmin
                       accounts that do not exist yet and gives each the server entry (user name = their role)
  remove-learners FILE FILE ('-' = stdin) has one e-mail address per line; deletes those pgAdmin accounts

Why one initialiser: three replicas that start together on an empty settings database would all try to
create its tables at once. compose.yaml runs this script's `init` as a one-shot service and starts the
replicas only after it completed; the replicas themselves never set anything up.

Everything is idempotent. Passwords travel in files (mode 0600), never on a command line.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

PGADMIN_HOME = os.environ.get('PGAW_PGADMIN_HOME', '/pgadmin4')
SECRETS_DIR = os.environ.get('PGAW_SECRETS_DIR', '/run/secrets')
CLASS_GROUP = 'Class'  # the one server group every account sees


def fail(message):
    print('pgaw-pgadmin: ' + message, file=sys.stderr)
    sys.exit(2)


def secret(name):
    path = os.path.join(SECRETS_DIR, name)
    try:
        with open(path, encoding='utf-8') as f:
            value = f.read().strip()
    except OSError as e:
        fail('cannot read the secret file %s (%s)' % (path, e.strerror))
    if not value:
        fail('the secret file %s is empty' % path)
    return value


def cli(*args, env_extra=None):
    """Runs pgAdmin's setup.py CLI; returns its output, exits with its message when it fails."""
    env = dict(os.environ, **(env_extra or {}))
    proc = subprocess.run([sys.executable, os.path.join(PGADMIN_HOME, 'setup.py'), *args],
                          cwd=PGADMIN_HOME, env=env, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        fail('pgAdmin %s failed:\n%s' % (args[0], out[-2000:]))
    return out


def server_entry(username):
    """The one server a learner sees: AdventureWorks through the guarding proxy, TLS required."""
    return {'Servers': {'1': {
        'Name': os.environ.get('PGAW_SERVER_NAME', 'AdventureWorks'),
        'Group': CLASS_GROUP,
        'Host': os.environ.get('PGAW_SQL_HOST', 'proxy'),
        'Port': int(os.environ.get('PGAW_SQL_PORT', '5432')),
        'MaintenanceDB': os.environ.get('PGAW_SQL_DB', 'adventureworks'),
        'Username': username,
        'SSLMode': os.environ.get('PGAW_SQL_SSLMODE', 'require'),
        'ConnectionParameters': {'sslmode': os.environ.get('PGAW_SQL_SSLMODE', 'require'),
                                 'connect_timeout': 10},
    }}}


def write_private_json(data):
    fd, path = tempfile.mkstemp(prefix='pgaw-', suffix='.json')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:  # mkstemp makes it 0600
        json.dump(data, f)
    return path


def only_the_class_group(email):
    """Leaves the account exactly one (empty) server group, named like the group of its server entry.

    pgAdmin gives every new account an empty group "Servers", and clearing an account's servers keeps its first
    group; a learner would see that empty "Servers" beside "Class". Renaming the group pgAdmin keeps makes it the
    one the entry goes into (pgAdmin finds groups by name), so the tree shows "Class" only, also on a re-run.
    """
    from pgadmin.model import db, ServerGroup, User
    user = User.query.filter_by(username=email, auth_source='internal').first()
    if user is None:
        fail('no pgAdmin account %s' % email)
    groups = ServerGroup.query.filter_by(user_id=user.id).order_by('id').all()
    for extra in groups[1:]:  # clear_database_servers already removed them; a leftover must not stay either
        db.session.delete(extra)
    db.session.flush()  # before the rename: group names are unique per account
    if groups:
        groups[0].name = CLASS_GROUP
    else:
        db.session.add(ServerGroup(user_id=user.id, name=CLASS_GROUP))
    db.session.commit()


def give_servers(pairs):
    """Gives each (email, db_role) exactly one server entry, in one pgAdmin app context (one start-up)."""
    import builtins
    import contextlib
    import io
    sys.path.insert(0, PGADMIN_HOME)
    os.chdir(PGADMIN_HOME)
    builtins.SERVER_MODE = None
    import config
    from pgadmin import create_app
    from pgadmin.utils import clear_database_servers, load_database_servers
    app = create_app(config.APP_NAME + '-cli')
    with app.test_request_context():
        for email, username in pairs:
            path = write_private_json(server_entry(username))
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    # clear first: re-running keeps exactly one entry, pointing where the config says now
                    clear_database_servers(email, True, 'internal')
                    only_the_class_group(email)
                    load_database_servers(path, None, email, True, 'internal')
            finally:
                os.unlink(path)
            if 'and 1 Server(s)' not in out.getvalue():
                fail('pgAdmin did not add the server entry for %s:\n%s' % (email, out.getvalue()[-1000:]))


def wait_for_settings_db(deadline_s=120):
    import psycopg  # pgAdmin's own driver
    import config  # pgAdmin's config, with our config_system.py applied
    uri = config.CONFIG_DATABASE_URI.replace('postgresql+psycopg://', 'postgresql://')
    end = time.monotonic() + deadline_s
    while True:
        try:
            psycopg.connect(uri, connect_timeout=5).close()
            return
        except psycopg.OperationalError as e:
            if time.monotonic() > end:
                fail('the settings database did not answer within %ds: %s' % (deadline_s, e))
            time.sleep(1)


def init():
    sys.path.insert(0, PGADMIN_HOME)
    wait_for_settings_db()
    email = os.environ.get('PGAW_ADMIN_EMAIL', '').strip()
    if '@' not in email:
        fail('PGAW_ADMIN_EMAIL must be the teacher\'s e-mail address')
    # setup-db creates the schema (or migrates it after an upgrade) and, on an empty database, the first
    # administrator from these two variables; on an existing one it leaves the accounts alone.
    cli('setup-db', env_extra={'PGADMIN_SETUP_EMAIL': email,
                               'PGADMIN_SETUP_PASSWORD': secret('pgadmin_admin_password')})
    give_servers([(email, os.environ.get('PGAW_ADMIN_DB_ROLE', 'teacher'))])
    print('pgaw-pgadmin: settings database ready; %s is the administrator' % email)


def read_input(path):
    """'-' is standard input: the operator scripts pipe secrets in rather than mounting files."""
    if path == '-':
        return sys.stdin.read()
    with open(path, encoding='utf-8') as f:
        return f.read()


def add_learners(path):
    try:
        learners = json.loads(read_input(path))
    except (OSError, ValueError) as e:
        fail('cannot read the learners list %s: %s' % (path, e))
    # An account left over from an earlier, half-finished run gets the new password, so that the CSV the
    # teacher receives is always right. (Only here does a password reach a command line: inside the
    # throw-away setup container, for accounts that should not have existed.)
    listed = cli('get-users', '--json')
    existing = {u.get('email') for u in json.loads(listed[listed.index('['):listed.rindex(']') + 1])}
    for l in learners:
        if l['email'] in existing:
            cli('update-user', l['email'], '--password', l['password'], '--role', 'User', '--active')
    users = [{'username': l['email'], 'email': l['email'], 'password': l['password'], 'role': 'User',
              'active': True, 'auth_source': 'internal'} for l in learners if l['email'] not in existing]
    if users:
        tmp = write_private_json({'users': users})
        try:
            cli('load-users', tmp)
        finally:
            os.unlink(tmp)
    give_servers([(l['email'], l['role']) for l in learners])
    print('pgaw-pgadmin: %d learner account(s) ready' % len(learners))


def remove_learners(path):
    try:
        emails = [line.strip() for line in read_input(path).splitlines() if line.strip()]
    except OSError as e:
        fail('cannot read %s: %s' % (path, e.strerror))
    for email in emails:
        out = cli('delete-user', email, '--yes')
        print('pgaw-pgadmin: %s: %s' % (email, 'deleted' if 'deleted' in out else 'not there'))


def main(argv):
    if len(argv) == 2 and argv[1] == 'init':
        init()
    elif len(argv) == 3 and argv[1] == 'add-learners':
        add_learners(argv[2])
    elif len(argv) == 3 and argv[1] == 'remove-learners':
        remove_learners(argv[2])
    else:
        fail('usage: pgaw_admin.py init | add-learners FILE.json | remove-learners FILE.txt')


if __name__ == '__main__':
    main(sys.argv)
