// Ask and Translate on the article page, against a stand-in OpenAI-compatible server on loopback
// (the one place a fake is allowed: a hosted model).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, textOf } from './client.ts';

let f: Fixture;
let model: Server;
let web: { url: string; close(): Promise<void> };
let withoutLlm: { url: string; close(): Promise<void> };
const seen: { messages: { role: string; content: string }[] }[] = [];

beforeAll(async () => {
  f = await makeFixture({ fillers: 0 });
  model = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { messages: { role: string; content: string }[] };
      seen.push(parsed);
      const system = parsed.messages[0]!.content;
      const content = system.startsWith('Translate')
        ? 'Titre : la coalition irakienne\n\nLa coalition au pouvoir en Irak <b>se réunit</b>.'
        : 'The article says the coalition will hold an emergency meeting.';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
  const llmUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
  web = await startWeb({ repo: f.repo, config: { ...f.config, llmUrl, llmModel: 'test' }, port: 0, host: '127.0.0.1', now: () => NOW });
  withoutLlm = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
});
afterAll(async () => {
  await web?.close();
  await withoutLlm?.close();
  await new Promise((r) => model?.close(r));
  await f?.close();
});

describe('Ask and Translate', () => {
  it('answers a question from the article text', async () => {
    const c = new Client(web.url);
    const path = `/article/${f.seedArticle.id}`;
    expect((await c.get(path)).body).toContain(`action="/article/${f.seedArticle.id}/ask"`);
    const { res, body } = await c.submit(path, `${path}/ask`, { question: 'What will the coalition do?' });
    expect(res.status).toBe(200);
    expect(textOf(body)).toContain('The article says the coalition will hold an emergency meeting.');
    expect(textOf(body)).toContain('What will the coalition do?');
    const prompt = seen.at(-1)!.messages.at(-1)!.content;
    expect(prompt).toContain('Iraq’s ruling coalition is set to hold an emergency meeting');
  });

  it('translates the article, escaping what the model writes', async () => {
    const c = new Client(web.url);
    const path = `/article/${f.seedArticle.id}`;
    const { res, body } = await c.submit(path, `${path}/translate`, { language: 'French' });
    expect(res.status).toBe(200);
    expect(body).toContain('<h1>Titre : la coalition irakienne</h1>');
    expect(body).toContain('&lt;b&gt;se réunit&lt;/b&gt;');
    expect(seen.at(-1)!.messages[0]!.content).toContain('into French');
  });

  it('hides the features and refuses the posts when no model is configured', async () => {
    const c = new Client(withoutLlm.url);
    const path = `/article/${f.seedArticle.id}`;
    expect((await c.get(path)).body).not.toContain('/ask"');
    const token = /name="_csrf" value="([^"]+)"/.exec((await c.get('/signin')).body)![1]!;
    const { res, body } = await c.post(`${path}/ask`, { _csrf: token, question: 'Anything?' });
    expect(res.status).toBe(404);
    expect(textOf(body)).toContain('No language model is configured');
  });
});
