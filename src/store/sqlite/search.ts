// Full-text search: FTS5 over the canonical title and text, ranked by bm25 with the title weighing
// more, filtered by outlet, hashtag and time, with a highlighted snippet.
import type { SearchHit, SearchRepo } from '../repository.ts';
import { SEARCH_COUNT_CAP, SEARCH_RANK_WINDOW } from '../ports/articles.ts';
import { articleFilters, SUMMARY_COLUMNS } from './articles.ts';
import { time, type SqliteDb } from './db.ts';
import { toSummary } from './rows.ts';
import { arabicSearchForm } from '../../pipeline/normalize/arabic.ts';
import { indexAllQueued } from './search-queue.ts';

/** bm25 weights per FTS column: a match in the title counts ten times one in the text. */
const TITLE_WEIGHT = 10;
const TEXT_WEIGHT = 1;
/** The Arabic search form of title and text (migration 004) counts as text. */
const TERMS_WEIGHT = 1;

// snippet() marks matches with these private-use characters; the text around them is HTML-escaped in
// JS and only then are they turned into <mark>…</mark>, so stored text can never inject markup.
const START = '\uE000';
const STOP = '\uE001';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function markHighlight(snippet: string): string {
  return snippet.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

/**
 * A reader's query in web-search syntax (`"exact phrase"`, `or`, `-word`) as an FTS5 expression. Every
 * term is quoted, so FTS5 operators and punctuation typed by a reader are words, never syntax errors.
 * Returns null when nothing positive is left to search for.
 */
export function toFtsQuery(q: string): string | null {
  const tokens = [...q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)];
  const groups: string[][] = [[]];
  const negatives: string[] = [];
  for (const m of tokens) {
    const phrase = m[2] !== undefined ? m[2] : null;
    let word = phrase ?? m[3]!;
    let negative = m[1] === '-';
    if (phrase === null) {
      if (/^or$/i.test(word)) {
        if (groups[groups.length - 1]!.length) groups.push([]);
        continue;
      }
      if (word.startsWith('-') && word.length > 1) {
        negative = true;
        word = word.slice(1);
      }
    }
    // Keep letters, digits and inner apostrophes/hyphens; FTS5's tokenizer splits the rest anyway.
    // Arabic words are matched in their search form (the search_terms column), as indexed.
    const words = arabicSearchForm(word.normalize('NFC')).split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
    if (words.length === 0) continue;
    const term = `"${words.join(' ')}"`;
    if (negative) negatives.push(term);
    else groups[groups.length - 1]!.push(term);
  }
  const ors = groups.filter((g) => g.length).map((g) => (g.length > 1 ? `(${g.join(' AND ')})` : g[0]!));
  if (ors.length === 0) return null;
  let expr = ors.length > 1 ? `(${ors.join(' OR ')})` : ors[0]!;
  for (const n of negatives) expr += ` NOT ${n}`;
  return expr;
}

/**
 * The plan, and why: every column the join to `articles` would read (dates, even the row itself) sits
 * behind the stored text and HTML, so a join over thousands of matches reads their overflow pages and
 * costs tens of milliseconds. So the full-text table alone ranks and counts the matches; filters look up
 * its rowid in indexes (versions by outlet, hashtags, an expression index on the article's time); only
 * the page of hits is read from `articles`. As on PostgreSQL, only the newest SEARCH_RANK_WINDOW matches are
 * ranked and the count stops at SEARCH_COUNT_CAP. Ties in bm25 go to the newer article (higher id), as ids
 * grow with first sight.
 */
export function searchPort(db: SqliteDb): SearchRepo {
  return {
    search: async (q, opts) => {
      await indexAllQueued(db);
      return db.run(() => {
        const match = toFtsQuery(q.trim());
        if (!match) return { total: 0, hits: [] };
        const where = ['articles_fts MATCH ?'];
        const params: unknown[] = [match];
        articleFilters(opts, where, params, 'articles_fts.rowid');
        // The same expression as the articles_when index, so the subquery reads the index only.
        const when: string[] = [];
        if (opts.from) { when.push('coalesce(published, first_seen) >= ?'); params.push(time(opts.from)); }
        if (opts.to) { when.push('coalesce(published, first_seen) <= ?'); params.push(time(opts.to)); }
        // `+rowid`: without it FTS5 is handed each id of the subquery and runs the whole MATCH once per id
        // (0.65 s for 2,000 recent articles, 12 s for an article page's related list at 5,000); with it the
        // matches are found once and checked against the subquery's ids.
        if (when.length) where.push(`+articles_fts.rowid IN (SELECT id FROM articles WHERE ${when.join(' AND ')})`);
        const filter = where.join(' AND ');
        const pageSize = Math.max(1, opts.limit);
        const skip = Math.max(0, opts.offset ?? 0);
        const window = Math.max(opts.rankWindow ?? SEARCH_RANK_WINDOW, pageSize + skip);
        // The newest `window` matches (FTS5 walks its doclists by rowid, newest first, and stops there),
        // ranked by bm25; the window's size comes with each row.
        const ranked = db.all(
          `WITH w AS MATERIALIZED (
             SELECT rowid AS id, bm25(articles_fts, ${TITLE_WEIGHT}, ${TEXT_WEIGHT}, ${TERMS_WEIGHT}) AS score FROM articles_fts WHERE ${filter}
             ORDER BY rowid DESC LIMIT ${window})
           SELECT id, score, (SELECT count(*) FROM w) AS in_window FROM w ORDER BY score, id DESC LIMIT ? OFFSET ?`,
          ...params, pageSize, skip,
        );
        const inWindow = ranked.length ? Number(ranked[0]!.in_window) : 0;
        let total = inWindow;
        let totalIsLowerBound = false;
        if (opts.countTotal !== false && !((ranked.length || skip === 0) && inWindow < window)) {
          total = Number(db.get(`SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts WHERE ${filter} LIMIT ${SEARCH_COUNT_CAP})`, ...params)!.n);
          totalIsLowerBound = total >= SEARCH_COUNT_CAP;
        }
        const result = (hits: SearchHit[]) => (totalIsLowerBound ? { total, hits, totalIsLowerBound } : { total, hits });
        if (!ranked.length) return result([]);
        const ids = ranked.map((r) => Number(r.id));
        const marks = ids.map(() => '?').join(', ');
        const rows = new Map(db.all(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id IN (${marks})`, ...ids).map((r) => [Number(r.id), r]));
        // `+rowid` again: one pass over the matches is cheaper than a MATCH per id (9–30 ms for 40 ids at 100k).
        const headlines = opts.highlight === false ? new Map<number, string>() : new Map(db.all(
          `SELECT rowid AS id, snippet(articles_fts, 1, '${START}', '${STOP}', ' … ', 32) AS headline
           FROM articles_fts WHERE articles_fts MATCH ? AND +rowid IN (${marks})`, match, ...ids,
        ).map((r) => [Number(r.id), String(r.headline ?? '')]));
        const hits: SearchHit[] = [];
        for (const r of ranked) {
          const row = rows.get(Number(r.id));
          if (!row) continue;
          hits.push({ ...toSummary(row), highlight: markHighlight(headlines.get(Number(r.id)) ?? ''), rank: -Number(r.score) });
        }
        return result(hits);
      });
    },
  };
}
