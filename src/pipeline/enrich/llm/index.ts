// The optional LLM layer of enrich: off unless `llmUrl` and `llmModel` are configured.
import type { Config } from '../../../config/index.ts';
import { createLlmClient, type LlmClient } from './client.ts';
import { createLlmFeatures, type LlmFeatures, type LlmFeaturesOptions } from './features.ts';

export { createLlmClient, endpointOf, type ChatMessage, type ChatOptions, type LlmClient, type LlmClientOptions } from './client.ts';
export { createLlmFeatures, answerOffline, citationsIn, type AskResult, type LlmArticle, type LlmFeatures, type LlmResult } from './features.ts';
export { LruCache, layeredCache, articleHash, cacheKey, type LlmCache } from './cache.ts';

/** The client for the configured endpoint, or null when none is configured (the default). */
export function llmClientFromConfig(config: Pick<Config, 'llmUrl' | 'llmModel' | 'llmKey' | 'llmTimeoutMs'>): LlmClient | null {
  if (!config.llmUrl || !config.llmModel) return null;
  return createLlmClient({ url: config.llmUrl, model: config.llmModel, key: config.llmKey ?? null, timeoutMs: config.llmTimeoutMs });
}

/** LLM features from config: always usable; without an endpoint every answer is the offline one. */
export function llmFeaturesFromConfig(config: Pick<Config, 'llmUrl' | 'llmModel' | 'llmKey' | 'llmTimeoutMs'>, opts: Omit<LlmFeaturesOptions, 'client'> = {}): LlmFeatures {
  return createLlmFeatures({ ...opts, client: llmClientFromConfig(config) });
}
