import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { seedDemo } from './seeds/demo';

/** Connects to the server's maintenance database to create or drop the target one. */
async function withAdminClient<T>(
  url: string,
  fn: (client: Client, dbName: string) => Promise<T>,
): Promise<T> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`refusing unusual database name: ${dbName}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client, dbName);
  } finally {
    await client.end();
  }
}

async function createDb(url: string): Promise<void> {
  await withAdminClient(url, async (client, dbName) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      dbName,
    ]);
    if (rowCount) {
      console.log(`database ${dbName} exists`);
      return;
    }
    await client.query(`CREATE DATABASE "${dbName}" ENCODING 'UTF8' TEMPLATE template0`);
    console.log(`database ${dbName} created`);
  });
}

async function dropDb(url: string): Promise<void> {
  await withAdminClient(url, async (client, dbName) => {
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    console.log(`database ${dbName} dropped`);
  });
}

async function migrate(url: string): Promise<void> {
  const ds = await createDataSource(url).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(
      applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema up to date',
    );
  } finally {
    await ds.destroy();
  }
}

/**
 * The demo logins share a published password, so a deployment gets them only when it
 * asks (SEED_DEMO=true; `npm start` and `npm test` do).
 */
async function seed(url: string): Promise<void> {
  if (!loadConfig().SEED_DEMO) {
    console.log('demo data: not loaded (set SEED_DEMO=true to load it)');
    return;
  }
  const ds = await createDataSource(url).initialize();
  try {
    const summary = await seedDemo(ds);
    console.log(`demo data: ${summary}`);
  } finally {
    await ds.destroy();
  }
}

const COMMANDS: Record<string, (url: string) => Promise<void>> = {
  'create-db': createDb,
  'drop-db': dropDb,
  migrate,
  seed,
  reset: async (url) => {
    await dropDb(url);
    await createDb(url);
    await migrate(url);
  },
  setup: async (url) => {
    await createDb(url);
    await migrate(url);
    await seed(url);
  },
};

async function main(): Promise<void> {
  const command = process.argv[2] ?? '';
  const run = COMMANDS[command];
  if (!run) {
    console.error(`usage: cli.ts <${Object.keys(COMMANDS).join('|')}>`);
    process.exit(2);
  }
  await run(loadConfig().DATABASE_URL);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
