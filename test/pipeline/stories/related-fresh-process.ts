// Child process of place.test.ts: relatedArticles as a fresh `lede serve` would compute it, with no term
// statistics in memory — only the store's. Prints the result as JSON.
import { openStore } from '../../../src/store/index.ts';
import { relatedArticles } from '../../../src/pipeline/stories/index.ts';

const [url, id, now] = process.argv.slice(2);
const repo = await openStore(url!);
console.log(JSON.stringify(await relatedArticles(repo, Number(id) as never, { limit: 10, now: Number(now) })));
await repo.close();
