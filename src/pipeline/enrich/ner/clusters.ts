// Word classes for the entity tagger (data/word-clusters.txt.gz, built by scripts/build-word-clusters.ts
// from GloVe vectors): three levels of k-means classes per lower-case word. The tagger's own training text
// is 6,000 sentences; the classes carry what a few billion words of Wikipedia and newswire say about
// words it never saw, so an unseen surname or town is scored like the known ones of its class.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Lower-case word → [fine, mid, coarse] class ids, as strings ready for feature names. */
export type WordClasses = ReadonlyMap<string, readonly [string, string, string]>;

let cached: WordClasses | null = null;

export function wordClasses(): WordClasses {
  if (cached) return cached;
  const text = gunzipSync(readFileSync(new URL('../data/word-clusters.txt.gz', import.meta.url))).toString('utf8');
  const m = new Map<string, readonly [string, string, string]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const [f, mid, c] = line.slice(0, tab).split(' ') as [string, string, string];
    const ids = [f, mid, c] as const;
    for (const w of line.slice(tab + 1).split(' ')) m.set(w, ids);
  }
  cached = m;
  return m;
}
