import Fastify from 'fastify';
import { ImmutableAnswers } from './cacheable-read';

describe('ImmutableAnswers', () => {
  async function server(answers: ImmutableAnswers) {
    const app = Fastify();
    let handled = 0;
    app.addHook('onRequest', answers.hook);
    app.get('/a/:id', async (request) => {
      handled++;
      const body = { id: (request.params as { id: string }).id, at: handled };
      answers.keep(request.url, '"tag"', body, 60);
      return body;
    });
    await app.ready();
    return { app, handled: () => handled };
  }

  it('answers a kept URL without the handler, and 304 when If-None-Match names its tag', async () => {
    const { app, handled } = await server(new ImmutableAnswers());
    const first = await app.inject('/a/1');
    const again = await app.inject('/a/1');
    expect([handled(), again.body, again.headers.etag, again.headers['cache-control']]).toEqual([1, first.body, '"tag"', 'public, max-age=60']);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await app.inject({ url: '/a/1', headers: { 'if-none-match': '"tag"' } })).statusCode).toBe(304);
    expect((await app.inject({ url: '/a/1', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    expect(handled()).toBe(1);
  });

  it('keys on the exact URL: another id or a query string goes to the handler', async () => {
    const { app, handled } = await server(new ImmutableAnswers());
    await app.inject('/a/1');
    await app.inject('/a/2');
    await app.inject('/a/1?lang=en');
    expect(handled()).toBe(3);
    expect((await app.inject({ method: 'POST', url: '/a/1' })).statusCode).toBe(404);
  });

  it('keeps at most 2 000 answers, forgetting the oldest', async () => {
    const answers = new ImmutableAnswers();
    for (let i = 0; i <= 2_000; i++) answers.keep(`/a/${i}`, '"t"', { i }, 60);
    const { app, handled } = await server(answers);
    await app.inject('/a/0');
    await app.inject('/a/2000');
    expect(handled()).toBe(1);
  });
});
