// Full-text search over articles: the generated `search` tsvector (title weight A, body B) with a GIN
// index, queries in web-search syntax (`"exact phrase"`, `or`, `-word`), ranked by cover density with
// length normalisation — like FTS5's bm25 it prefers title hits and short documents dense in the terms.
import type { SearchHit, SearchRepo } from '../repository.ts';
import { SEARCH_COUNT_CAP, SEARCH_RANK_WINDOW } from '../ports/articles.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import type { Db } from './db.ts';
import { time, toSummary } from './rows.ts';
import { arabicSearchForm } from '../../pipeline/normalize/arabic.ts';

// ts_headline marks matches with these private-use characters; the text around them is HTML-escaped
// in JS and only then are they turned into <mark>…</mark>, so stored text can never inject markup.
const START = '\uE000';
const STOP = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

// Weights of the {D, C, B, A} labels: a title (A) match counts ten times a body (B) match, as the SQLite
// store's bm25 column weights (10, 1) have it.
const WEIGHTS = '{0, 0, 0.1, 1.0}';


const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function markHighlight(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll(START, '<mark>')
    .replaceAll(STOP, '</mark>');
}

export function searchPort(db: Db): SearchRepo {
  return {
    async search(q, opts) {
      // Arabic words are matched in their search form (the search_terms column), as indexed.
      const query = arabicSearchForm(q.trim());
      if (!query) return { total: 0, hits: [] };
      const params: unknown[] = [query];
      const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
      const where = ['a.search @@ websearch_to_tsquery(\'lede\', $1)'];
      if (opts.outlet) where.push(`EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id AND v.outlet = ${p(opts.outlet)})`);
      if (opts.hashtag) where.push(`EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.hashtag = ${p(opts.hashtag)})`);
      if (opts.from) where.push(`coalesce(a.published, a.first_seen) >= ${p(time(opts.from))}`);
      if (opts.to) where.push(`coalesce(a.published, a.first_seen) <= ${p(time(opts.to))}`);
      const filter = where.join(' AND ');

      const pageSize = Math.max(1, opts.limit);
      const skip = Math.max(0, opts.offset ?? 0);
      const window = Math.max(opts.rankWindow ?? SEARCH_RANK_WINDOW, pageSize + skip);
      const limit = p(pageSize);
      const offset = p(skip);
      // Ranking reads each match's tsvector (ts_rank_cd cannot use the index), ~50 µs a match: a query
      // matching most of the corpus ("the") took half a second at 100k articles. So the newest `window`
      // matches are ranked; a query with fewer matches ranks them all, exactly as before. Newest first is
      // what a news reader wants from a broad query anyway. The window count is taken before the page's
      // LIMIT. Summary columns and the headline (ts_headline re-parses the text: costly) only for the page.
      const rows = await db.query(
        `SELECT ${SUMMARY_COLUMNS}, m.rank, m.in_window,
           ${opts.highlight === false ? "''" : `ts_headline('lede', translate(a.text, '${START}${STOP}', ''), websearch_to_tsquery('lede', $1), '${HEADLINE_OPTIONS}')`} AS headline
         FROM (SELECT w.id, w.first_seen, count(*) OVER () AS in_window,
                 ts_rank_cd('${WEIGHTS}', w.search, websearch_to_tsquery('lede', $1), 1) AS rank
               FROM (SELECT a.id, a.first_seen, a.search FROM articles a WHERE ${filter}
                     ORDER BY a.first_seen DESC, a.id DESC LIMIT ${window}) w
               ORDER BY rank DESC, w.first_seen DESC, w.id DESC LIMIT ${limit} OFFSET ${offset}) m
         JOIN articles a ON a.id = m.id
         ORDER BY m.rank DESC, m.first_seen DESC, m.id DESC`,
        params,
      );
      const hits: SearchHit[] = rows.map((r) => ({ ...toSummary(r), highlight: markHighlight(String(r.headline ?? '')), rank: Number(r.rank) }));
      // A window not filled holds every match (an empty first page: none). Otherwise count, but only up
      // to SEARCH_COUNT_CAP: an exact count of a broad query reads every matching row (0.2 s at 100k articles).
      const inWindow = rows.length ? Number(rows[0]!.in_window) : 0;
      if (opts.countTotal === false || ((rows.length || skip === 0) && inWindow < window)) return { total: inWindow, hits };
      const counted = Number((await db.one<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM articles a WHERE ${filter} LIMIT ${SEARCH_COUNT_CAP}) c`, params.slice(0, -2),
      ))!.n);
      return counted >= SEARCH_COUNT_CAP ? { total: counted, hits, totalIsLowerBound: true } : { total: counted, hits };
    },
  };
}
