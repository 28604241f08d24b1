import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../src/api.module';
import { loadConfig } from '../../src/config/app-config';
import { configureApp, readyHttpAdapter } from '../../src/configure-app';
import { adapterAppOptions, createHttpAdapter } from '../../src/http-adapter';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { completeUscc } from '../../src/common/uscc';

export interface TestApp {
  app: INestApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  login: (email: string, password?: string) => Promise<Session>;
  close: () => Promise<void>;
}

export interface Session {
  accessToken: string;
  /** The `lr_refresh=…` pair the API set, ready for a Cookie header. */
  refreshCookie: string;
  user: { id: string; email: string; role: string; organization: { id: string; name: string } };
}

/**
 * `production`: configure the edges as NODE_ENV=production does (the API docs for admins
 * only). The app runs on the adapter HTTP_ADAPTER names, as main.ts does.
 */
export async function createTestApp(options: { production?: boolean } = {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const config = loadConfig();
  const app = moduleRef.createNestApplication(createHttpAdapter(config), {
    logger: false,
    ...adapterAppOptions(config),
  });
  configureApp(app, { production: options.production ?? false });
  await app.init();
  await readyHttpAdapter(app);
  const server = app.getHttpServer();
  const http = () => request(server);
  return {
    app,
    db: app.get(DataSource),
    http,
    login: async (email, password = DEMO_PASSWORD) => {
      const res = await http().post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200)
        throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return withRefreshCookie(res);
    },
    close: () => app.close(),
  };
}

let counter = 0;

/** A fresh valid USCC per call, so tests never collide with each other or the seeds. */
const USCC_DIGITS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A USCC no earlier test used, registered in `region` (characters 3–8), with both check
 * characters computed: the organisation code is MA + six base-31 digits of time and counter.
 */
export function freshUscc(region = '430100'): string {
  counter += 1;
  let n = (Date.now() % 1e7) * 50 + (counter % 50);
  let org = '';
  for (let i = 0; i < 6; i++) {
    org = USCC_DIGITS[n % 31] + org;
    n = Math.floor(n / 31);
  }
  return completeUscc(`91${region}MA${org}`);
}

export async function registerFirm(
  t: TestApp,
  overrides: Partial<{ regionCode: string; industryCode: string; name: string }> = {},
): Promise<Session> {
  const email = `cfo-${Date.now()}-${++counter}@example.test`;
  const res = await t
    .http()
    .post('/api/v1/auth/register-firm')
    .send({
      uscc: freshUscc(overrides.regionCode ?? '430100'),
      name: overrides.name ?? `测试企业${counter}有限公司`,
      regionCode: overrides.regionCode ?? '430100',
      industryCode: overrides.industryCode ?? 'C3484',
      email,
      password: 'Secret#12345',
    });
  if (res.status !== 201)
    throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return withRefreshCookie(res);
}

export const bearer = (s: Session) => ({ Authorization: `Bearer ${s.accessToken}` });

/** The refresh cookie a sign-in response set, as a Cookie header value (`lr_refresh=…`). */
export function refreshCookieOf(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const pair = header.map((c) => c.split(';')[0]).find((c) => c.startsWith('lr_refresh='));
  if (!pair) throw new Error(`no refresh cookie in ${JSON.stringify(header)}`);
  return pair;
}

function withRefreshCookie(res: request.Response): Session {
  return { ...(res.body as Omit<Session, 'refreshCookie'>), refreshCookie: refreshCookieOf(res) };
}
