import request from 'supertest';
import { TestApp } from '../../support/test-app';
import { csrfOf, mainText } from './html';

export type Agent = ReturnType<typeof request.agent>;

/** A browser-like client: keeps cookies, and sends forms as the pages' forms do. */
export function browserAgent(t: TestApp): Agent {
  return request.agent(t.app.getHttpServer());
}

/** Logs in through the login form, as a person would. */
export async function webLogin(t: TestApp, username: string): Promise<Agent> {
  const agent = browserAgent(t);
  const form = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ username, password: 'demo-pass', _csrf: csrfOf(form.text) });
  if (res.status !== 303) throw new Error(`web login ${username}: ${res.status}`);
  return agent;
}

/**
 * Opens `page`, posts `fields` to `action` with that page's CSRF token, and returns the page the
 * reader sees next: where the 303 of a form that went through leads (with its flash message), or
 * the page a refused form is answered with (a 4xx, the form filled in as sent).
 */
export async function submit(agent: Agent, page: string, action: string, fields: Record<string, string | string[]>) {
  const before = await agent.get(page);
  const res = await agent.post(action).type('form').send(formBody({ _csrf: csrfOf(before.text), ...fields }));
  if (res.status >= 400 && res.status < 500) return { res, after: res, text: mainText(res.text) };
  if (res.status !== 303) throw new Error(`POST ${action}: ${res.status} ${res.text.slice(0, 300)}`);
  const after = await agent.get(res.headers.location);
  return { res, after, text: mainText(after.text) };
}

/** As a browser encodes a form: a repeated field (checkboxes) is sent once per value. */
export function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body.toString();
}

/** The version a negotiation page's forms carry. */
export function versionOn(html: string): string {
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  if (!version) throw new Error('no form with a version on the page');
  return version;
}

/** The one-off key of the first event form on a page (a second press of that form changes nothing). */
export function keyOn(html: string): string {
  const key = /name="key" value="([^"]+)"/.exec(html)?.[1];
  if (!key) throw new Error('no form with a one-off key on the page');
  return key;
}
