// A client for any OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp server, vLLM, hosted
// APIs): timeouts, retries with exponential back-off (honouring Retry-After), and streaming over
// server-sent events. Failures surface as LedeError('llm_unavailable') so callers can fall back.
import { Agent, request } from 'undici';
import { LedeError } from '../../../domain/errors.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmClientOptions {
  /** Base URL ("http://localhost:11434/v1") or the full …/chat/completions URL. */
  url: string;
  model: string;
  key?: string | null;
  /** Time for one attempt, headers and body (default 60 s). */
  timeoutMs?: number;
  /** Attempts after the first one for network errors, 408, 429 and 5xx (default 2). */
  retries?: number;
  /** First back-off delay; doubles each retry, with jitter (default 500 ms). */
  backoffMs?: number;
}

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  /** Stream the answer; onToken receives each piece as it arrives. */
  stream?: boolean;
  onToken?: (piece: string) => void;
  signal?: AbortSignal;
}

export interface LlmClient {
  readonly model: string;
  chat(messages: ChatMessage[], opts?: ChatOptions): Promise<string>;
  close(): Promise<void>;
}

export function endpointOf(url: string): string {
  const u = url.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(u) ? u : `${u}/chat/completions`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });

class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const endpoint = endpointOf(opts.url);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 500;
  const dispatcher = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: Math.min(timeoutMs, 10_000) });

  async function attempt(messages: ChatMessage[], o: ChatOptions): Promise<string> {
    const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: o.stream ? 'text/event-stream' : 'application/json' };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    const body = JSON.stringify({
      model: opts.model,
      messages,
      temperature: o.temperature ?? 0.2,
      ...(o.maxTokens ? { max_tokens: o.maxTokens } : {}),
      stream: !!o.stream,
    });
    let res;
    try {
      res = await request(endpoint, { method: 'POST', headers, body, signal, dispatcher });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      throw new RetryableError(`cannot reach ${endpoint}: ${(e as Error).message}`);
    }
    if (res.statusCode !== 200) {
      const text = (await res.body.text().catch(() => '')).slice(0, 300);
      const msg = `${endpoint} answered ${res.statusCode}${text ? `: ${text}` : ''}`;
      if (res.statusCode === 408 || res.statusCode === 429 || res.statusCode >= 500) {
        const ra = Number(res.headers['retry-after']);
        throw new RetryableError(msg, Number.isFinite(ra) ? Math.min(ra * 1000, 30_000) : null);
      }
      throw new LedeError('llm_unavailable', msg);
    }
    try {
      if (!o.stream) {
        const json = (await res.body.json()) as { choices?: { message?: { content?: string } }[] };
        const content = json.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new LedeError('llm_unavailable', `${endpoint} sent no choices[0].message.content`);
        return content;
      }
      return await readStream(res.body, o.onToken);
    } catch (e) {
      if (e instanceof LedeError) throw e;
      if (o.signal?.aborted) throw e;
      throw new RetryableError(`reading the answer of ${endpoint} failed: ${(e as Error).message}`);
    }
  }

  return {
    model: opts.model,
    async chat(messages, o = {}) {
      let last: Error | null = null;
      for (let i = 0; i <= retries; i++) {
        try {
          return await attempt(messages, o);
        } catch (e) {
          if (!(e instanceof RetryableError)) throw e;
          last = e;
          if (i === retries) break;
          const delay = e.retryAfterMs ?? backoffMs * 2 ** i * (0.75 + Math.random() * 0.5);
          await sleep(delay, o.signal);
        }
      }
      throw new LedeError('llm_unavailable', `${last?.message ?? 'LLM failed'} (after ${retries + 1} attempts)`, { cause: last });
    },
    close: () => dispatcher.close(),
  };
}

/** Reads an SSE chat-completions stream: `data: {choices:[{delta:{content}}]}` lines up to `data: [DONE]`. */
async function readStream(body: AsyncIterable<Buffer | string>, onToken?: (piece: string) => void): Promise<string> {
  const decoder = new TextDecoder();
  let buf = '';
  let out = '';
  let done = false;
  const handle = (line: string) => {
    if (!line.startsWith('data:')) return;
    const data = line.slice(5).trim();
    if (data === '[DONE]') { done = true; return; }
    if (!data) return;
    let json: { choices?: { delta?: { content?: string }; message?: { content?: string } }[] };
    try {
      json = JSON.parse(data);
    } catch {
      return; // keep-alive comments and partial garbage are skipped
    }
    const piece = json.choices?.[0]?.delta?.content ?? json.choices?.[0]?.message?.content ?? '';
    if (piece) {
      out += piece;
      onToken?.(piece);
    }
  };
  for await (const chunk of body) {
    buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      handle(buf.slice(0, nl).replace(/\r$/, ''));
      buf = buf.slice(nl + 1);
      if (done) return out;
    }
  }
  if (buf) handle(buf);
  if (!done && !out) throw new Error('stream ended without data');
  return out;
}
