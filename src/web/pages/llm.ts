// "Ask" and "Translate" on the article page, answered by the configured language model. Without
// JavaScript the answer comes back as a page of its own; the model is slow, so these are rate limited.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import type { ArticleId } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { clientIp, rateLimit } from '../auth.ts';
import { textToHtml } from '../text.ts';
import { raw } from '../views/html.ts';
import { idParam } from './util.ts';

async function loadArticle(c: Context<Env>) {
  const { llm, config, repo } = c.get('web');
  // Not configured is no server fault (and no form links here then): a 404, where a model that is
  // configured but down stays a 503.
  if (!llm || !config.llmUrl) throw new LedeError('not_found', 'No language model is configured on this server.');
  const id = idParam(c.req.param('id')) as ArticleId | null;
  const found = id ? await repo.getArticle(id) : null;
  if (!found) throw new LedeError('not_found', 'No such article.');
  const who = c.get('account')?.id ?? clientIp(c);
  await rateLimit(c, `llm:${who}`, 10, 600);
  return { llm, article: found.article };
}

const field = async (c: Context<Env>, k: string): Promise<string> => {
  const v = (await c.req.parseBody())[k];
  return typeof v === 'string' ? v.trim() : '';
};

export async function askArticle(c: Context<Env>): Promise<Response> {
  const question = (await field(c, 'question')).slice(0, 300);
  if (!question) throw new LedeError('bad_input', 'Type a question about the article first.');
  const { llm, article } = await loadArticle(c);
  const answer = await llm.ask({ title: article.title, text: article.text }, question);
  return c.html(layout(c, { title: `Ask: ${article.title}`, noindex: true }, html`<article class="llm-answer">
<p class="kicker"><a href="/article/${article.id}">← ${article.title}</a></p>
<h1>Your question</h1>
<p class="question">${question}</p>
<h2>Answer</h2>
<div class="body">${raw(textToHtml(answer))}</div>
<p class="note">Answered by a language model from the article text alone; it can be wrong.</p>
</article>`));
}

export async function translateArticle(c: Context<Env>): Promise<Response> {
  const language = (await field(c, 'language')).slice(0, 40);
  if (!/^[\p{L} ()-]{2,40}$/u.test(language)) throw new LedeError('bad_input', 'Choose a language to translate into.');
  const { llm, article } = await loadArticle(c);
  const out = await llm.translate({ title: article.title, text: article.text }, language);
  return c.html(layout(c, { title: out.title, noindex: true }, html`<article class="article llm-answer">
<p class="kicker"><a href="/article/${article.id}">← Original: ${article.title}</a></p>
<p class="note">Machine translation into ${language} by a language model; it can be wrong.</p>
<h1>${out.title}</h1>
<div class="body">${raw(textToHtml(out.text))}</div>
</article>`));
}
