// Equivalence aid for store-path placement: places the first N scale-corpus articles (and 10 copies
// of earlier ones) into a fresh SQLite :memory: store and prints a digest of every article's story and
// version, so two commits that should decide alike can be compared.
//   node bin/run-ts.js scripts/place-digest.ts [N]
// PLACE_DIGEST_STORE=url places into that store instead (an empty PostgreSQL database: the same digest).
import { createHash } from 'node:crypto';
import { generateCorpus, loadSentences, scaleVersion } from './gen-scale-corpus.ts';
import { placeVersion } from '../src/pipeline/stories/index.ts';
import { openStore } from '../src/store/index.ts';

const n = Number(process.argv[2] ?? 3000);
const repo = await openStore(process.env.PLACE_DIGEST_STORE ?? 'sqlite::memory:');
const digest = createHash('sha256');
let stories = 0;
const seen = new Set<number>();
for (const a of generateCorpus(n, loadSentences().sentences, { seed: 2 })) {
  const p = await placeVersion(repo, scaleVersion(a));
  digest.update(`${p.article.id}:${p.version.id}:${p.storyId};`);
  if (p.storyId !== null && !seen.has(p.storyId)) { seen.add(p.storyId); stories++; }
}
console.log(`${n} placed: ${await repo.countArticles()} articles, ${stories} stories, digest ${digest.digest('hex').slice(0, 16)}`);
await repo.close();
