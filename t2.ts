import { startScaleWire } from './bench/newswire.ts';
import { createFetcher } from './src/pipeline/fetch/index.ts';
const w = await startScaleWire({ articles: 600, hosts: 30, feeds: 60 });
const f = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0 });
for (const id of [5, 6, 7, 8, 9, 10, 11, 12]) {
  const t = performance.now(); await f.get(w.pageUrl(id), { kind: 'page' }); console.log(id, (performance.now() - t).toFixed(1), w.hosts.findIndex(h=>w.pageUrl(id).startsWith(h.url)));
}
let t = performance.now(); const r = await fetch(w.pageUrl(13)); await r.text(); console.log('plain fetch', performance.now()-t);
t = performance.now(); await f.get(w.feeds[3].url, { kind: 'feed' }); console.log('feed', performance.now()-t);
await f.close(); await w.close();
