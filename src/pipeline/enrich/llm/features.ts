// LLM features over an article or a story: abstractive summary, questions answered from the text with
// sentence citations ([2]), and translation into the reader's language. Each result says whether the
// LLM made it; when the endpoint is down (or none is configured) the offline features answer instead.
import { isLedeError } from '../../../domain/errors.ts';
import { splitSentences } from '../../normalize/index.ts';
import { enrich, enrichStory } from '../index.ts';
import { stemWord } from '../keyphrases.ts';
import { STOPWORDS } from '../stopwords.ts';
import { articleHash, cacheKey, layeredCache, type LlmCache } from './cache.ts';
import type { ChatMessage, LlmClient } from './client.ts';

export interface LlmArticle {
  title: string;
  text: string;
  outlet?: string;
}

export interface LlmResult {
  text: string;
  source: 'llm' | 'offline';
  /** Why the offline answer was given, when it was. */
  fallbackReason?: string;
}

export interface AskResult extends LlmResult {
  /** Numbered sentences the answer may cite: citation [n] is sentences[n - 1]. */
  sentences: string[];
  citations: number[];
}

export interface LlmFeaturesOptions {
  client: LlmClient | null;
  /** A persistent cache behind the in-memory LRU (optional). */
  cache?: LlmCache | null;
  cacheSize?: number;
  /** Passed to the client when set: answers arrive piece by piece. */
  onToken?: (piece: string) => void;
}

const MAX_CONTEXT_CHARS = 24_000;

function numbered(articles: LlmArticle[]): string[] {
  const out: string[] = [];
  for (const a of articles) {
    for (const s of splitSentences(a.text)) out.push(s.text);
  }
  return out;
}

function context(articles: LlmArticle[], sentences: string[] | null): string {
  let text = '';
  if (sentences) text = sentences.map((s, i) => `[${i + 1}] ${s}`).join('\n');
  else text = articles.map((a) => `${a.outlet ? `(${a.outlet}) ` : ''}${a.title}\n${a.text}`).join('\n\n---\n\n');
  return text.length > MAX_CONTEXT_CHARS ? text.slice(0, MAX_CONTEXT_CHARS) + '\n[…]' : text;
}

export function createLlmFeatures(opts: LlmFeaturesOptions) {
  const cache = layeredCache(opts.cache ?? null, opts.cacheSize ?? 500);

  async function cached(key: string, messages: ChatMessage[]): Promise<string> {
    const hit = await cache.get(key);
    if (hit !== null) return hit;
    const answer = (await opts.client!.chat(messages, { stream: !!opts.onToken, onToken: opts.onToken })).trim();
    await cache.set(key, answer);
    return answer;
  }

  async function run<T extends LlmResult>(llm: () => Promise<T>, offline: (reason: string) => T): Promise<T> {
    if (!opts.client) return offline('no LLM endpoint configured');
    try {
      return await llm();
    } catch (e) {
      if (isLedeError(e) && e.code === 'llm_unavailable') return offline(e.message);
      throw e;
    }
  }

  const hashOf = (articles: LlmArticle[]) => articleHash(articles.map((a) => a.title).join('\n'), articles.map((a) => a.text).join('\n\u0001\n'));

  return {
    /** An abstractive summary in a few sentences (offline: the extractive summary). */
    summarize(articles: LlmArticle[], sentences = 3): Promise<LlmResult> {
      return run<LlmResult>(
        async () => ({
          source: 'llm' as const,
          text: await cached(cacheKey(['summary', opts.client!.model, hashOf(articles), sentences]), [
            { role: 'system', content: 'You summarise news faithfully. Use only facts stated in the text. No preamble.' },
            { role: 'user', content: `Summarise ${articles.length > 1 ? 'these articles about one story' : 'this article'} in at most ${sentences} sentences.\n\n${context(articles, null)}` },
          ]),
        }),
        (reason) => ({
          source: 'offline' as const,
          fallbackReason: reason,
          text: (articles.length > 1
            ? enrichStory(articles.map((a) => ({ ...a, outlet: a.outlet ?? '' })), { summarySentences: sentences }).summary
            : enrich(articles[0]!, { summarySentences: sentences }).summary).join(' '),
        }),
      );
    },

    /** Answers a question from the text only, citing sentence numbers like [2]. */
    ask(articles: LlmArticle[], question: string): Promise<AskResult> {
      const sentences = numbered(articles);
      return run<AskResult>(
        async () => {
          const text = await cached(cacheKey(['ask', opts.client!.model, hashOf(articles), question.trim()]), [
            { role: 'system', content: 'Answer only from the numbered sentences. Cite every claim with the sentence number in brackets, like [3]. If the text does not say, answer that it does not say.' },
            { role: 'user', content: `${context(articles, sentences)}\n\nQuestion: ${question}` },
          ]);
          return { source: 'llm' as const, text, sentences, citations: citationsIn(text, sentences.length) };
        },
        (reason) => ({ ...answerOffline(sentences, question), fallbackReason: reason }),
      );
    },

    /** The article in another language (offline: the original text, marked as untranslated). */
    translate(article: LlmArticle, language: string): Promise<LlmResult & { language: string | null }> {
      return run<LlmResult & { language: string | null }>(
        async () => ({
          source: 'llm' as const,
          language,
          text: await cached(cacheKey(['translate', opts.client!.model, hashOf([article]), language]), [
            { role: 'system', content: 'You translate news articles faithfully, keeping names, numbers and paragraph breaks. Output only the translation: the title on the first line, then the text.' },
            { role: 'user', content: `Translate into the language with code "${language}":\n\n${article.title}\n\n${article.text.slice(0, MAX_CONTEXT_CHARS)}` },
          ]),
        }),
        (reason) => ({ source: 'offline' as const, language: null, fallbackReason: reason, text: `${article.title}\n\n${article.text}` }),
      );
    },
  };
}

export type LlmFeatures = ReturnType<typeof createLlmFeatures>;

export function citationsIn(text: string, max: number): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/\[(\d+(?:\s*[,–-]\s*\d+)*)\]/g)) {
    for (const part of m[1]!.split(/\s*,\s*/)) {
      const [a, b] = part.split(/\s*[–-]\s*/).map(Number);
      for (let n = a!; n <= (b ?? a!); n++) if (n >= 1 && n <= max) out.add(n);
    }
  }
  return [...out].sort((x, y) => x - y);
}

const contentStems = (s: string) =>
  new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOPWORDS.has(w) && w.length > 1).map(stemWord));

/** Offline answer: the (up to two) sentences sharing most words with the question, cited. */
export function answerOffline(sentences: string[], question: string): AskResult {
  const q = contentStems(question);
  const scored = sentences
    .map((s, i) => {
      const w = contentStems(s);
      let hit = 0;
      for (const x of q) if (w.has(x)) hit++;
      return { i, score: hit / Math.sqrt(w.size + 1) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .sort((a, b) => a.i - b.i);
  if (!scored.length) return { source: 'offline', text: 'The text does not say.', sentences, citations: [] };
  return {
    source: 'offline',
    text: scored.map((x) => `${sentences[x.i]} [${x.i + 1}]`).join(' '),
    sentences,
    citations: scored.map((x) => x.i + 1),
  };
}
