// A small OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM tests: answers with a
// scripted reply, streams it as server-sent events, or fails / stalls on demand.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode = 'ok' | 'fail' | 'slow' | 'flaky' | 'bad-request';

export interface FakeLlm {
  url: string;
  mode: Mode;
  reply: (body: { model: string; messages: { role: string; content: string }[] }) => string;
  requests: { body: { model: string; messages: { role: string; content: string }[]; stream?: boolean }; auth: string | undefined }[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += c;
  return s;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const state: FakeLlm = {
    url: '',
    mode: 'ok',
    reply: () => 'A reply.',
    requests: [],
    close: async () => {},
  };
  let flakyCount = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req));
    state.requests.push({ body, auth: req.headers.authorization });
    if (state.mode === 'fail') { res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}'); return; }
    if (state.mode === 'bad-request') { res.writeHead(400).end('{"error":"bad model"}'); return; }
    if (state.mode === 'slow') { setTimeout(() => res.destroyed || res.writeHead(200).end('{}'), 5_000).unref(); return; }
    if (state.mode === 'flaky' && flakyCount++ % 2 === 0) { res.writeHead(500).end(); return; }
    const text = state.reply(body);
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pieces = text.match(/\S+\s*/g) ?? [];
      res.write(': keep-alive\n\n');
      for (const p of pieces) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: p } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}
