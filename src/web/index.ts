// web: the reader's site, JSON API and feeds out. `startWeb` listens; `createApp` builds the Hono app.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/index.ts';
import type { Repository } from '../store/repository.ts';
import type { ArticleLlm, WebDeps } from './context.ts';

export { createApp } from './app.ts';
export type { WebDeps, ArticleLlm } from './context.ts';
import { createApp } from './app.ts';
import { articleLlmFromConfig } from './llm.ts';

export interface StartWebOptions {
  repo: Repository;
  config: Config;
  port: number;
  host?: string;
  llm?: ArticleLlm | null;
  /** The clock (tests pin it). */
  now?: () => Date;
  metrics?: WebDeps['metrics'];
  logger?: WebDeps['logger'];
}

export async function startWeb(opts: StartWebOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Ask/Translate: the given model, else one built from LEDE_LLM_URL (closed with the server).
  const own = opts.llm === undefined ? articleLlmFromConfig(opts.config) : null;
  const app = createApp({ repo: opts.repo, config: opts.config, llm: opts.llm ?? own, now: opts.now, metrics: opts.metrics, logger: opts.logger });
  const host = opts.host ?? opts.config.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${shown === '0.0.0.0' || shown === '[::]' ? 'localhost' : shown}:${addr.port}`;
  return {
    url,
    close: () => new Promise<void>((resolve, reject) => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close((err) => (err ? reject(err) : resolve()));
      void own?.close().catch(() => {});
    }),
  };
}
