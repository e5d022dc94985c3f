import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { dropScratchDatabases, scratchDatabaseUrl } from '../../src/database/scratch-database';
import { ManualClock } from '../../src/common/clock';
import { HostResolver } from '../../src/common/outbound-request';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DemoFixture } from '../../src/fixtures/demo-fixture';
import { User } from '../../src/accounts/user.entity';
import { Organization } from '../../src/accounts/organization.entity';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  clock: ManualClock;
  config: AppConfig;
  dataSource: DataSource;
  /** Every route Fastify was given, as Fastify has it: `GET /api/negotiations/:id` (HEAD left out). */
  routes: ReadonlySet<string>;
  /** Logs in a demo person (password demo-pass) and returns the bearer header value. */
  login(username: string): Promise<string>;
  userId(username: string): Promise<string>;
  orgId(name: keyof typeof ORG_NAMES): Promise<string>;
  close(): Promise<void>;
}

const ORG_NAMES = {
  union: '十堰市外卖配送行业工会联合会',
  platform: '速达外卖（十堰）网络科技有限公司',
  platform2: '飞驰同城配送有限公司',
  association: '十堰市网络餐饮配送企业协会',
  federation: '十堰市总工会',
  bureau: '十堰市人力资源和社会保障局',
};

/** A fresh database for one app: SQLite, or a new PostgreSQL database when TEST_DATABASE_URL names a server. */
export const freshDatabaseUrl = () => scratchDatabaseUrl(process.env.TEST_DATABASE_URL);
afterAll(() => dropScratchDatabases());

/**
 * A real app on a fresh database (see freshDatabaseUrl), with the demo people loaded and a
 * clock the test moves. `scenario: false` skips the demo negotiations.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; scenario?: boolean; clock?: ManualClock; databaseUrl?: string; logDestination?: DestinationStream; resolver?: HostResolver } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? (await freshDatabaseUrl()),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DEMO_RIDERS: '12',
    RATE_LIMIT_PER_MINUTE: '100000',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
    CHECKPOINT_INTERVAL: '0',
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock();
  const app = await createApp(config, { clock, logDestination: options.logDestination, resolver: options.resolver });
  const routes = new Set<string>();
  // Nest hands its routes to Fastify in init(): record each as it arrives
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const fixture = app.get(DemoFixture);
  const empty = (await app.get(DataSource).getRepository(User).count()) === 0;
  if (empty && options.scenario === false) await fixture.loadWorldOnly();
  else if (empty) await fixture.loadIfEmpty();
  const dataSource = app.get(DataSource);
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    clock,
    config,
    dataSource,
    routes,
    async login(username) {
      if (!tokens.has(username)) {
        const res = await http().post('/api/auth/login').send({ username, password: 'demo-pass' });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(username, `Bearer ${res.body.accessToken}`);
      }
      return tokens.get(username)!;
    },
    async userId(username) {
      return (await dataSource.getRepository(User).findOneByOrFail({ username })).id;
    },
    async orgId(key) {
      return (await dataSource.getRepository(Organization).findOneByOrFail({ name: ORG_NAMES[key] })).id;
    },
    async close() {
      await app.close();
    },
  };
}
