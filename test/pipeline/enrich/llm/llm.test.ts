import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  answerOffline, citationsIn, createLlmClient, createLlmFeatures, endpointOf, llmFeaturesFromConfig, LruCache, type LlmCache,
} from '../../../../src/pipeline/enrich/llm/index.ts';
import { startFakeLlm, type FakeLlm } from './fake-server.ts';

const seed = readFileSync(new URL('../../../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url), 'utf8');
const article = { title: seed.slice(0, seed.indexOf('\n')), text: seed.slice(seed.indexOf('\n') + 1) };

let llm: FakeLlm;
beforeAll(async () => { llm = await startFakeLlm(); });
afterAll(async () => { await llm.close(); });
beforeEach(() => { llm.mode = 'ok'; llm.requests = []; llm.reply = () => 'A reply.'; });

describe('chat-completions client', () => {
  it('posts the model, messages and key, and returns the answer', async () => {
    const c = createLlmClient({ url: llm.url, model: 'tiny', key: 'sk-test' });
    llm.reply = (b) => `echo: ${b.messages.at(-1)!.content}`;
    expect(await c.chat([{ role: 'user', content: 'hi' }])).toBe('echo: hi');
    expect(llm.requests[0]!.body.model).toBe('tiny');
    expect(llm.requests[0]!.auth).toBe('Bearer sk-test');
    await c.close();
  });

  it('streams the answer piece by piece', async () => {
    const c = createLlmClient({ url: llm.url, model: 'tiny' });
    llm.reply = () => 'Iraq and Iran talked about sanctions.';
    const pieces: string[] = [];
    const text = await c.chat([{ role: 'user', content: 'x' }], { stream: true, onToken: (p) => pieces.push(p) });
    expect(text).toBe('Iraq and Iran talked about sanctions.');
    expect(pieces.length).toBeGreaterThan(3);
    expect(llm.requests[0]!.body.stream).toBe(true);
    await c.close();
  });

  it('retries 5xx answers with back-off, then succeeds', async () => {
    llm.mode = 'flaky';
    const c = createLlmClient({ url: llm.url, model: 'tiny', retries: 2, backoffMs: 5 });
    expect(await c.chat([{ role: 'user', content: 'x' }])).toBe('A reply.');
    expect(llm.requests.length).toBe(2);
    await c.close();
  });

  it('gives up with llm_unavailable after the retries, and does not retry a 400', async () => {
    llm.mode = 'fail';
    const c = createLlmClient({ url: llm.url, model: 'tiny', retries: 2, backoffMs: 5 });
    await expect(c.chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ code: 'llm_unavailable' });
    expect(llm.requests.length).toBe(3);
    llm.requests = [];
    llm.mode = 'bad-request';
    await expect(c.chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ code: 'llm_unavailable', message: expect.stringContaining('400') });
    expect(llm.requests.length).toBe(1);
    await c.close();
  });

  it('times out a slow endpoint', async () => {
    llm.mode = 'slow';
    const c = createLlmClient({ url: llm.url, model: 'tiny', timeoutMs: 150, retries: 0 });
    const t0 = Date.now();
    await expect(c.chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ code: 'llm_unavailable' });
    expect(Date.now() - t0).toBeLessThan(3000);
    await c.close();
  });

  it('accepts a base URL or the full endpoint', () => {
    expect(endpointOf('http://h:1/v1/')).toBe('http://h:1/v1/chat/completions');
    expect(endpointOf('http://h:1/v1/chat/completions')).toBe('http://h:1/v1/chat/completions');
  });
});

describe('LLM features', () => {
  it('summarises with the LLM and caches by article hash', async () => {
    const f = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny' }) });
    llm.reply = () => 'Iraq’s ruling coalition meets after Rubio’s call.';
    const a = await f.summarize([article]);
    const b = await f.summarize([article]);
    expect(a).toEqual({ source: 'llm', text: 'Iraq’s ruling coalition meets after Rubio’s call.' });
    expect(b.text).toBe(a.text);
    expect(llm.requests.length).toBe(1);
    await f.summarize([{ ...article, text: article.text + ' More.' }]);
    expect(llm.requests.length).toBe(2);
  });

  it('uses a persistent cache behind the LRU', async () => {
    const store = new Map<string, string>();
    const persistent: LlmCache = { get: async (k) => store.get(k) ?? null, set: async (k, v) => { store.set(k, v); } };
    llm.reply = () => 'Cached once.';
    const f1 = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny' }), cache: persistent });
    await f1.summarize([article]);
    expect(store.size).toBe(1);
    const f2 = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny' }), cache: persistent });
    expect((await f2.summarize([article])).text).toBe('Cached once.');
    expect(llm.requests.length).toBe(1);
  });

  it('falls back to the offline summary when the endpoint is down', async () => {
    llm.mode = 'fail';
    const f = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny', retries: 0 }) });
    const r = await f.summarize([article]);
    expect(r.source).toBe('offline');
    expect(r.fallbackReason).toMatch(/503/);
    expect(r.text).toContain('US State Department');
  });

  it('answers questions grounded in numbered sentences, with citations', async () => {
    llm.reply = (b) => {
      const prompt = b.messages.at(-1)!.content;
      const line = prompt.split('\n').find((l) => l.includes('2,500 troops'))!;
      return `About 2,500 US troops ${line.match(/^\[(\d+)\]/)![0]}.`;
    };
    const f = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny' }) });
    const r = await f.ask([article], 'How many US troops are in Iraq?');
    expect(r.source).toBe('llm');
    expect(r.citations).toHaveLength(1);
    expect(r.sentences[r.citations[0]! - 1]).toContain('2,500 troops');
  });

  it('answers offline from the best-matching sentences when no LLM is configured', async () => {
    const f = llmFeaturesFromConfig({ llmUrl: undefined, llmModel: undefined, llmKey: undefined, llmTimeoutMs: 1000 });
    const r = await f.ask([article], 'How many troops does the US maintain in Iraq?');
    expect(r.source).toBe('offline');
    expect(r.text).toContain('2,500 troops');
    expect(r.text).toMatch(/\[\d+\]/);
    expect(llm.requests.length).toBe(0);
  });

  it('translates with the LLM, and returns the original marked untranslated when down', async () => {
    llm.reply = (b) => (b.messages.at(-1)!.content.includes('"fr"') ? 'La coalition au pouvoir en Irak…' : '?');
    const f = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny', retries: 0 }) });
    expect(await f.translate(article, 'fr')).toMatchObject({ source: 'llm', language: 'fr', text: 'La coalition au pouvoir en Irak…' });
    llm.mode = 'fail';
    const r = await f.translate({ ...article, title: 'Other' }, 'fr');
    expect(r).toMatchObject({ source: 'offline', language: null });
    expect(r.text.startsWith('Other\n\n')).toBe(true);
  });

  it('streams feature answers through onToken', async () => {
    llm.reply = () => 'One two three four.';
    const pieces: string[] = [];
    const f = createLlmFeatures({ client: createLlmClient({ url: llm.url, model: 'tiny' }), onToken: (p) => pieces.push(p) });
    expect((await f.summarize([article], 2)).text).toBe('One two three four.');
    expect(pieces.join('')).toBe('One two three four.');
  });
});

describe('helpers', () => {
  it('reads citations, ranges included, within bounds', () => {
    expect(citationsIn('Yes [2], and [4-5]; not [99] [1, 3]', 10)).toEqual([1, 2, 3, 4, 5]);
  });

  it('LRU evicts the least recently used entry', () => {
    const l = new LruCache<number>(2);
    l.set('a', 1); l.set('b', 2); l.get('a'); l.set('c', 3);
    expect(l.get('b')).toBeUndefined();
    expect(l.get('a')).toBe(1);
    expect(l.size).toBe(2);
  });

  it('offline answer says so when nothing matches', () => {
    expect(answerOffline(['The sky is blue.'], 'Who won the election?').text).toBe('The text does not say.');
  });
});
