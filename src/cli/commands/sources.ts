// `lede sources add|list|remove|import|export`: the publishers Lede follows and their feeds.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Feed, Source } from '../../domain/types.ts';
import type { Runtime } from '../../main.ts';
import type { Command } from '../command.ts';

const help = `Usage:
  lede sources add URL [--name NAME] [--language L] [--country C] [--category C]
  lede sources list [--json]
  lede sources remove ID
  lede sources import FILE.opml
  lede sources export [--output FILE.opml]

add      Follows a feed (RSS, Atom, RDF or JSON Feed). URL may also be a home page: the feeds it
         advertises (<link rel="alternate">) are found and the first one is followed. The source's
         name defaults to the feed's title, its home page to the feed's link.
list     The sources, each with its feeds and the state of their last fetch (errors included).
remove   Removes a source and its feeds; articles already read stay.
import   Adds every feed of an OPML file (folders become categories); feeds already followed are kept.
export   Writes every source and feed as OPML 2.0 (to standard output, or --output FILE).

The store is LEDE_DATABASE_URL (default sqlite:./data/lede.db).`;

export default {
  summary: 'add, list, remove, import and export sources (publishers and their feeds)',
  help,
  async run(argv: string[]): Promise<number> {
    const [sub, ...rest] = argv;
    const parse = <T extends Record<string, { type: 'string' | 'boolean' }>>(options: T) => {
      try {
        return parseArgs({ args: rest, options, allowPositionals: true });
      } catch (e) {
        throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
      }
    };
    switch (sub) {
      case 'add': {
        const { values, positionals } = parse({ name: { type: 'string' }, language: { type: 'string' }, country: { type: 'string' }, category: { type: 'string' } });
        if (positionals.length !== 1) throw new LedeError('bad_input', `sources add needs one URL\n\n${help}`);
        return withRuntime((rt) => add(rt, positionals[0]!, values as AddOptions));
      }
      case 'list': {
        const { values } = parse({ json: { type: 'boolean' } });
        return withRuntime((rt) => list(rt, Boolean(values.json)));
      }
      case 'remove': {
        const { positionals } = parse({});
        const id = Number(positionals[0]);
        if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new LedeError('bad_input', `sources remove needs a source id (see lede sources list)\n\n${help}`);
        return withRuntime(async (rt) => {
          const source = await rt.repo.getSource(id as Source['id']);
          if (!source || !(await rt.repo.removeSource(source.id))) throw new LedeError('not_found', `no source with id ${id}`);
          console.log(`removed source ${id} (${source.name}) and its feeds`);
          return 0;
        });
      }
      case 'import': {
        const { positionals } = parse({});
        if (positionals.length !== 1) throw new LedeError('bad_input', `sources import needs an OPML file\n\n${help}`);
        let xml: string;
        try {
          xml = readFileSync(positionals[0]!, 'utf8');
        } catch (e) {
          throw new LedeError('bad_input', `cannot read ${positionals[0]}: ${(e as Error).message}`);
        }
        return withRuntime((rt) => importOpml(rt, xml));
      }
      case 'export': {
        const { values } = parse({ output: { type: 'string' } });
        return withRuntime(async (rt) => {
          const xml = await exportOpml(rt);
          if (values.output) {
            writeFileSync(values.output as string, xml);
            console.error(`wrote ${values.output}`);
          } else process.stdout.write(xml.endsWith('\n') ? xml : xml + '\n');
          return 0;
        });
      }
      default:
        console.error(sub ? `lede sources: unknown subcommand '${sub}'\n\n${help}` : help);
        return 2;
    }
  },
} satisfies Command;

async function withRuntime(fn: (rt: Runtime) => Promise<number>): Promise<number> {
  // Loaded here, not at the top: `lede --help` must not pay for the store and the fetcher.
  const { loadConfig } = await import('../../config/index.ts');
  const { openRuntime } = await import('../../main.ts');
  const rt = await openRuntime(loadConfig(), { minDelayMs: 0 });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

interface AddOptions {
  name?: string;
  language?: string;
  country?: string;
  category?: string;
}

/** Adds the feed at `url` (or the first feed a home page advertises); returns the exit code. */
export async function add(rt: Runtime, url: string, opts: AddOptions): Promise<number> {
  const { subscribe } = await import('../../pipeline/sources/index.ts');
  const r = await subscribe(rt.repo, rt.fetcher, url, opts);
  if (!r.created) {
    console.log(`already following ${r.feed.url} (source ${r.source.id})`);
    return 0;
  }
  if (r.alsoAdvertised.length) console.error(`the page advertises ${r.alsoAdvertised.length + 1} feeds; following ${r.feed.url} (add the others by URL if wanted)`);
  console.log(`source ${r.source.id} ${r.source.name}: following ${r.feed.url} (${r.format}, ${r.items} items now); run lede ingest to read it`);
  return 0;
}

async function list(rt: Runtime, json: boolean): Promise<number> {
  const sources = await rt.repo.listSources();
  const feeds = await rt.repo.listFeeds();
  const bySource = new Map<number, Feed[]>();
  for (const f of feeds) bySource.set(f.sourceId, [...(bySource.get(f.sourceId) ?? []), f]);
  if (json) {
    console.log(JSON.stringify(sources.map((s) => ({ ...s, feeds: bySource.get(s.id) ?? [] })), null, 2));
    return 0;
  }
  if (sources.length === 0) {
    console.log('no sources yet: lede sources add URL, or lede sources import FILE.opml');
    return 0;
  }
  for (const s of sources) {
    const meta = [s.language, s.country].filter(Boolean).join(', ');
    console.log(`${String(s.id).padStart(4)}  ${s.name}  ${s.homeUrl}${meta ? `  (${meta})` : ''}`);
    for (const f of bySource.get(s.id) ?? []) {
      const when = f.lastFetchedAt ? `last fetched ${f.lastFetchedAt}` : 'never fetched';
      console.log(`        feed ${f.id}: ${f.url}  [${f.status}, ${when}]${f.error ? `\n          ${f.errorCount > 1 ? `${f.errorCount} failures, last: ` : ''}${f.error}` : ''}`);
    }
  }
  return 0;
}

/** Imports an OPML document; returns the exit code (0 even when some outlines were skipped). */
export async function importOpml(rt: Runtime, xml: string): Promise<number> {
  const { parseOpmlDetailed, importOutlines } = await import('../../pipeline/sources/index.ts');
  const { outlines, skipped } = parseOpmlDetailed(xml);
  const r = await importOutlines(rt.repo, outlines);
  skipped.push(...r.skipped);
  console.log(`imported ${r.added.length} feed(s); ${r.existing.length} already followed; ${skipped.length} skipped`);
  for (const s of skipped) console.error(`  skipped ${s.title}: ${s.reason}`);
  return 0;
}

export async function exportOpml(rt: Runtime): Promise<string> {
  const { toOpml } = await import('../../pipeline/sources/index.ts');
  const sources = await rt.repo.listSources();
  const feeds = await rt.repo.listFeeds();
  return toOpml(sources.map((source) => ({ source, feeds: feeds.filter((f) => f.sourceId === source.id) })));
}
