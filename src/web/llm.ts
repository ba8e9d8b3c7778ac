// "Ask" and "Translate" over the configured OpenAI-compatible model (enrich/llm's client). Answers are
// grounded in the article text only; translations are cached per article text and language, since
// readers of one article ask for the same language again and the model is slow.
import { createHash } from 'node:crypto';
import type { Config } from '../config/index.ts';
import { createLlmClient, type LlmClient } from '../pipeline/enrich/llm/client.ts';
import { LruCache } from '../pipeline/enrich/llm/cache.ts';
import type { ArticleLlm } from './context.ts';

/** Long articles are cut to what a small local model's context holds comfortably. */
const MAX_CHARS = 12_000;

const clip = (s: string) => (s.length > MAX_CHARS ? s.slice(0, MAX_CHARS) + ' …' : s);

export function articleLlm(client: LlmClient): ArticleLlm & { close(): Promise<void> } {
  const translations = new LruCache<{ title: string; text: string }>(200);
  return {
    async ask(article, question) {
      return (await client.chat([
        { role: 'system', content: 'You answer questions about one news article. Use only the article below. If it does not say, answer that the article does not say. Answer in two or three sentences, in the language of the question.' },
        { role: 'user', content: `Article title: ${article.title}\n\nArticle text:\n${clip(article.text)}\n\nQuestion: ${question}` },
      ], { temperature: 0.1, maxTokens: 300 })).trim();
    },
    async translate(article, language) {
      const key = createHash('sha256').update(`${language}\n${article.title}\n${article.text}`).digest('hex');
      const hit = translations.get(key);
      if (hit) return hit;
      const out = (await client.chat([
        { role: 'system', content: `Translate the news article the user sends into ${language}. Keep names, numbers and quotes exact. Reply with the translated title on the first line, a blank line, then the translated text with its paragraphs. Add nothing else.` },
        { role: 'user', content: `${article.title}\n\n${clip(article.text)}` },
      ], { temperature: 0.1 })).trim();
      const [first, ...rest] = out.split('\n');
      const result = { title: (first ?? '').replace(/^#+\s*/, '').trim() || article.title, text: rest.join('\n').trim() };
      translations.set(key, result);
      return result;
    },
    close: () => client.close(),
  };
}

/** The model behind Ask/Translate when LEDE_LLM_URL is set, else null (the features are then hidden). */
export function articleLlmFromConfig(config: Config): (ArticleLlm & { close(): Promise<void> }) | null {
  if (!config.llmUrl) return null;
  return articleLlm(createLlmClient({ url: config.llmUrl, model: config.llmModel ?? 'llama3.2', key: config.llmKey ?? null, timeoutMs: config.llmTimeoutMs, retries: 1 }));
}
