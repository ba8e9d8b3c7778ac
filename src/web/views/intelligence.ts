// Story intelligence as HTML, shared by the story page and the briefing: differences in words, the
// developments of the timeline, coverage by country, language and kind, key quotes. Only renders what
// ingest stored (pipeline/compare); nothing here compares texts.
import type { ArticleComparison, Coverage, Development, Difference, KeyQuote, StoryAnalysis } from '../../domain/analysis.ts';
import { around, countryName, currentLocale, languageName, t } from '../i18n/index.ts';
import { truncate } from '../text.ts';
import { formatAbsolute } from '../time.ts';
import { html, type Html } from './html.ts';
import { outletLink, timeEl } from './parts.ts';
import { hasRtl, isolatedList, tIsolated } from './bidi.ts';

const list = (xs: string[]) => xs.join(currentLocale() === 'ar' ? '، ' : ', ');
/** Guillemets in the Arabic interface and around a quotation in a right-to-left script (“…” there reads ”…“). */
const quoted = (s: string) => (currentLocale() === 'ar' || hasRtl(s) ? `«${s}»` : `“${s}”`);

/** One difference as a list item: the finding in words, then what it is about. */
export function differenceItem(d: Difference): Html {
  switch (d.kind) {
    case 'verbatim': return html`<li class="diff diff-verbatim">${t('diff.verbatim')}</li>`;
    case 'dropped-lede': return html`<li class="diff diff-dropped-lede">${t('diff.droppedLede')}: <q dir="auto">${truncate(d.text, 200)}</q></li>`;
    case 'dropped-paragraphs': return html`<li class="diff diff-dropped">${t('diff.droppedParagraphs', { n: d.count })}: <q dir="auto">${truncate(d.first, 160)}</q></li>`;
    case 'truncated': return html`<li class="diff diff-truncated">${t('diff.truncated', { n: d.count })}</li>`;
    case 'adds-update': return html`<li class="diff diff-update">${t('diff.addsUpdate', { n: d.count })}: <q dir="auto">${truncate(d.first, 200)}</q></li>`;
    case 'adds-paragraphs': return html`<li class="diff diff-adds">${t('diff.addsParagraphs', { n: d.count })}: <q dir="auto">${truncate(d.first, 160)}</q></li>`;
    case 'adds-furniture': return html`<li class="diff diff-furniture">${t('diff.addsFurniture', { items: list(d.items) })}</li>`;
    case 'flattened-quotes': return html`<li class="diff diff-flattened">${t('diff.flattenedQuotes', { n: d.count })}: <q dir="auto">${d.example}</q></li>`;
    case 'unattributed-quotes': return html`<li class="diff diff-unattributed">${t('diff.unattributed')}: <ul>${d.quotes.map((q) => html`<li><q dir="auto">${q.text}</q> — ${q.speaker ? tIsolated('diff.unattributedQuote', { speaker: q.speaker, original: q.original }) : tIsolated('diff.unattributedNone', { original: q.original })}</li>`)}</ul></li>`;
    case 'reworded': return html`<li class="diff diff-reworded">${t('diff.reworded', { n: d.count })}</li>`;
    case 'numbers-differ': return html`<li class="diff diff-numbers">${t('diff.numbers')}: ${d.changes.map((c, i) => html`${i ? '; ' : ''}<strong>${t('diff.number', { from: c.from, to: c.to })}</strong>${c.unit ? ` ${c.unit}` : ''}`)}</li>`;
    case 'only-facts': return html`<li class="diff diff-only-facts">${t('diff.onlyFacts')}: <ul>${d.facts.map((f) => html`<li dir="auto">${truncate(f, 200)}</li>`)}</ul></li>`;
    case 'only-quotes': return html`<li class="diff diff-only-quotes">${t('diff.onlyQuotes')}: <ul>${d.quotes.map((q) => html`<li dir="${hasRtl(q.text) ? 'rtl' : 'ltr'}"><q dir="auto">${q.text}</q>${q.speaker ? html` — <bdi>${q.speaker}</bdi>` : ''}</li>`)}</ul></li>`;
  }
}

export const differenceList = (ds: Difference[]): Html | string =>
  ds.length ? html`<ul class="differences">${ds.map(differenceItem)}</ul>` : '';

/** An article's copies against its original, and the article against the fullest account. */
export function articleDifferences(a: ArticleComparison, fullest: StoryAnalysis['fullest'], now: Date, opts: { headingLevel?: 3 | 4 } = {}): Html {
  const others = a.versions.filter((v) => v.versionId !== a.original.versionId);
  const title = html`<a href="/article/${a.articleId}" dir="auto">${a.title}</a>`;
  return html`<li class="compared">
  ${opts.headingLevel === 4 ? html`<h4>${title}</h4>` : html`<h3>${title}</h3>`}
  <p class="meta original">${tIsolated('story.originalBy', { outlet: a.original.outlet })} · ${timeEl(a.original.at, now)}</p>
  ${others.length ? html`<ul class="copies">${others.map((v) => html`<li class="copy" data-outlet="${v.outlet}">
    <p><strong>${tIsolated(v.role === 'copy' ? 'story.copyBy' : 'story.updateBy', { outlet: v.outlet })}</strong> · ${v.url ? html`<a href="${v.url}" rel="noopener nofollow">${timeEl(v.at, now)}</a>` : timeEl(v.at, now)}</p>
    ${differenceList(v.differences)}
  </li>`)}</ul>` : ''}
  ${a.againstStory.length ? html`<div class="against-story"><p class="meta">${fullest === a.articleId ? t('story.isFullest') : t('story.againstStory')}</p>${differenceList(a.againstStory)}</div>` : ''}
</li>`;
}

export function developmentItem(d: Development): Html {
  const when = html`<time datetime="${d.at}">${formatAbsolute(d.at)}</time>`;
  const who = html`<bdi>${d.outlet}</bdi>`;
  let what: Html;
  switch (d.kind) {
    case 'first-report': what = html`${t('dev.firstReport')}: <a href="/article/${d.articleId}"><bdi>${d.title}</bdi></a>`; break;
    case 'new-account': what = html`${t('dev.newAccount')}: <a href="/article/${d.articleId}"><bdi>${d.title}</bdi></a>`; break;
    case 'republished': what = tIsolated('dev.republished', { from: d.from }); break;
    case 'fact': what = html`${t('dev.fact')}: <bdi>${truncate(d.text, 200)}</bdi>`; break;
    case 'quote': what = html`${t('dev.quote')}: <q dir="auto">${truncate(d.text, 240)}</q>${d.speaker ? html` — <bdi>${d.speaker}</bdi>` : ''}`; break;
    case 'number-changed': what = html`${t('dev.numberChanged')}: <strong>${d.change.from} → ${d.change.to}</strong>${d.change.unit ? ` ${d.change.unit}` : ''}`; break;
    case 'update': what = html`${t('dev.update')}: <q dir="auto">${truncate(d.text, 240)}</q>`; break;
  }
  return html`<li class="dev dev-${d.kind}">${when} <span>${who}: ${what}</span></li>`;
}

/** Each quote laid out in its own direction, its speaker and outlet under it on the same side. */
export function keyQuoteList(quotes: KeyQuote[]): Html | string {
  if (!quotes.length) return '';
  return html`<ul class="quotes key-quotes">${quotes.map(keyQuoteItem)}</ul>`;
}

/** Reported speech is the outlet's wording: shown without quotation marks, and said to be reported. */
function keyQuoteItem(q: KeyQuote): Html {
  const reported = q.direct === false;
  const text = reported ? html`<blockquote class="reported" dir="auto">${q.text}</blockquote>` : html`<blockquote dir="auto">${quoted(q.text)}</blockquote>`;
  return html`<li dir="${hasRtl(q.text) ? 'rtl' : 'ltr'}">${text}<p class="meta">${q.speaker ? html`<bdi>${q.speaker}</bdi> · ` : ''}${reported ? html`<bdi>${t('story.reportedSpeech')}</bdi> · ` : ''}${outletLink(q.outlet)}${q.outlets > 1 ? ` · ${t('story.quoteOutlets', { n: q.outlets })}` : ''}</p></li>`;
}

function republishedFrom(outlets: string[]): Html {
  const [before, after] = around('story.republishedFrom', 'outlets');
  return html`${before}${isolatedList(outlets, currentLocale())}${after}`;
}

/** Who covered the story: first report, outlets by country, language and kind, each outlet's role. */
export function coverageBlock(c: Coverage, now: Date): Html {
  const group = (title: string, groups: [string, string[]][], name: (k: string) => string) => html`<h3>${title}</h3><ul class="groups">${groups.map(([k, outlets]) => html`<li><span class="badge">${name(k)} ${outlets.length}</span> ${isolatedList(outlets, currentLocale())}</li>`)}</ul>`;
  const unknown = (f: (k: string) => string) => (k: string) => (k === 'unknown' ? t('story.unknown') : f(k));
  return html`<div class="who-covered">
  ${c.first ? html`<p class="first-report">${tIsolated('story.firstReported', { outlet: c.first.outlet })} · ${timeEl(c.first.at, now)}</p>` : ''}
  <ul class="outlet-roles">${c.outlets.map((o) => html`<li>${outletLink(o.name)}${o.kind ? html` <span class="meta">${t('story.kind', { kind: o.kind })}</span>` : ''} — ${o.own ? t('story.own') : ''}${o.own && o.copies ? '; ' : ''}${o.copies ? republishedFrom(o.copiedFrom) : ''}</li>`)}</ul>
  ${group(t('story.byCountry'), c.byCountry, unknown(countryName))}
  ${group(t('story.byLanguage'), c.byLanguage, unknown(languageName))}
  ${group(t('story.byKind'), c.byKind, (k) => t('story.kinds', { kind: k }))}
</div>`;
}
