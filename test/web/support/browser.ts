import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import type { TestApp } from '../../support/test-app';

/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser. CI installs it with
 * apt (chromium, fonts-noto-cjk); where it is missing the browser tests skip and say why.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Phone {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A cheap phone: 360 px wide, a fresh profile (--user-data-dir), and no JavaScript at all. */
export async function openPhone(): Promise<Phone> {
  const profile = mkdtempSync(join(tmpdir(), 'xieshang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 1,
    javaScriptEnabled: false,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A phone on a test app that listens on a free port of 127.0.0.1, with the login form's steps. */
export interface PhoneOnApp extends Phone {
  page: Page;
  /** The app's base URL: http://127.0.0.1:<port>. */
  base: string;
  /** Logs a demo person in through the /login form (password demo-pass), as a rider would; waits until the form has let them through. */
  logIn(username: string): Promise<void>;
  /** The page header's 退出 button; waits for the home page. */
  logOut(): Promise<void>;
}

export async function openPhoneOn(t: TestApp): Promise<PhoneOnApp> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const phone = await openPhone();
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  return {
    ...phone,
    page,
    base,
    async logIn(username) {
      await page.goto(`${base}/login`);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', 'demo-pass');
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('form[action="/login"] button')]);
    },
    async logOut() {
      await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/logout"] button')]);
    },
  };
}

export function screenshotPath(name: string): string {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
