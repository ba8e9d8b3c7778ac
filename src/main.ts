// Wires config, store, fetcher, jobs and web together for the commands that run Lede as a service
// (`lede ingest`, `lede demo`), and turns SIGINT/SIGTERM into a clean stop.
import type { Config } from './config/index.ts';
import { createFetcher, fetcherOptionsFromConfig, type Fetcher, type FetcherOptions } from './pipeline/fetch/index.ts';
import { openStore } from './store/index.ts';
import type { Repository } from './store/repository.ts';

export interface Runtime {
  config: Config;
  repo: Repository;
  fetcher: Fetcher;
  close(): Promise<void>;
}

/** Opens the store named by the config (creating ./data for the default SQLite file) and a fetcher. */
export async function openRuntime(config: Config, fetcherOverrides: Partial<FetcherOptions> = {}): Promise<Runtime> {
  const repo = await openStore(config.databaseUrl);
  const fetcher = createFetcher({ ...fetcherOptionsFromConfig(config), ...fetcherOverrides });
  let closed = false;
  return {
    config,
    repo,
    fetcher,
    async close() {
      if (closed) return;
      closed = true;
      await fetcher.close().catch(() => {});
      await repo.close();
    },
  };
}

/**
 * An AbortSignal fired by the first SIGINT or SIGTERM (finish the article in hand, then stop); a second
 * signal exits at once. `dispose` removes the handlers.
 */
export function stopSignal(onStop?: (signal: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write('\nlede: stopping now\n');
      process.exit(130);
    }
    onStop?.(sig);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
