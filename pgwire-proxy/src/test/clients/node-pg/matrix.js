// node-postgres (pg) through pgwire-proxy: capped results and their notice, a bigint LIMIT parameter, cursors
// (pg-cursor) read 7, 11, 13, 143, 1 and MAX_ROWS + 1 rows at a time, prepared statements, queued queries, and a CancelRequest.
//
// Usage: node matrix.js learner|teacher MAX_ROWS TOTAL_ROWS  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE;
// modules from NODE_PATH). Prints "OK ..." or "FAIL ..." per check and "NODE-PG OK" when none failed (else exit 1).
'use strict';
const { Client } = require('pg');
const Cursor = require('pg-cursor');

const [mode, maxRows, total] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const learner = mode === 'learner';
const expected = learner ? maxRows : total;
const BIG = 'SELECT * FROM atk.customer WHERE id <= 1500 ORDER BY id';

const failed = [];

// Records a failed check and goes on, so that one run lists every finding.
function check(name, ok, detail) {
  if (!ok) {
    failed.push(name);
    console.log(`FAIL ${name}: ${detail || ''}`);
  } else {
    console.log(`OK ${name}`);
  }
  return ok;
}

function config() {
  return { host: process.env.PGHOST, port: Number(process.env.PGPORT), user: process.env.PGUSER,
    database: process.env.PGDATABASE, ssl: false };
}

async function main() {
  const client = new Client(config());
  const notices = [];
  client.on('notice', (n) => notices.push(n.message));
  await client.connect();
  const settle = () => new Promise((r) => setTimeout(r, 50));

  async function expectCapped(name, n) {
    check(`${name} rows`, n === expected, `${n} rows, expected ${expected}`);
    await settle();
    const g = notices.filter((m) => m.startsWith('pgaw'));
    if (learner) check(`${name} notice`, g.length > 0, `no pgaw notice among ${notices.slice(0, 3)}`);
    else check(`${name} no notice for the teacher`, g.length === 0, g.join());
    notices.length = 0;
  }

  await expectCapped('query', (await client.query(BIG)).rows.length);

  for (const sql of [`${BIG} LIMIT $1`, `${BIG} FETCH FIRST $1 ROWS ONLY`]) {
    let res;
    try {
      res = await client.query(sql, ['3000000000']);
    } catch (e) {
      check(`bigint parameter binds: ${sql}`, false, e.message);
      continue;
    }
    await expectCapped(`bigint parameter: ${sql}`, res.rows.length);
  }

  // 7, 11, 13, 143 divide 1001 (the default cap + 1); 1 and maxRows + 1 divide this proxy's cap + 1
  for (const size of [7, 11, 13, 143, 1, maxRows + 1]) {
    await client.query('BEGIN');
    const cursor = client.query(new Cursor(BIG));
    let n = 0;
    for (;;) {
      const rows = await cursor.read(size);
      if (rows.length === 0) break;
      n += rows.length;
    }
    await cursor.close();
    await client.query('COMMIT');
    await expectCapped(`cursor read(${size})`, n);
  }

  for (let i = 1; i <= 3; i++) {
    const res = await client.query({ name: 'atk_prepared',
      text: 'SELECT * FROM atk.customer WHERE id > $1 AND id <= 1500 ORDER BY id', values: [0] });
    await expectCapped(`prepared statement, run ${i}`, res.rows.length);
  }

  const queued = await Promise.all([client.query(BIG), client.query('SELECT 1 AS one'), client.query(BIG)]);
  check('queued queries', queued[1].rows.length === 1 && queued[0].rows.length === expected
    && queued[2].rows.length === expected, queued.map((r) => r.rows.length).join());
  notices.length = 0;

  const t0 = Date.now();
  const sleeping = client.query('SELECT pg_sleep(30)').then(() => null, (e) => e);
  await new Promise((r) => setTimeout(r, 500));
  const canceller = new Client(config());
  // pg has no public cancel API: open the protocol connection and send a CancelRequest with the session's key
  await new Promise((resolve, reject) => {
    const con = canceller.connection;
    con.on('connect', () => { con.cancel(client.processID, client.secretKey); resolve(); });
    con.on('error', reject);
    con.connect(config().port, config().host);
  });
  const err = await sleeping;
  check('cancel from the library', err && err.code === '57014', err ? `${err.code} ${err.message}` : 'finished');
  check('cancel returns at once', Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  check('the connection works after the cancel', (await client.query('SELECT 42 AS v')).rows[0].v === 42);
  await client.end();
  if (failed.length > 0) {
    console.log(`NODE-PG FAILED ${failed.length} checks`);
    process.exit(1);
  }
  console.log('NODE-PG OK');
}

main().catch((e) => { console.log(`FAIL unexpected: ${e.stack}`); process.exit(1); });
