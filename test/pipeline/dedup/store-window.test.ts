// Store-backed placement finds copies through a process-local window of the store's fingerprints, caught up
// from the store's fingerprint log: what another process stored is found, on both backends, including a
// transaction that was still running when this process last read the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../src/domain/types.ts';
import type { FingerprintLogPage, LoggedFingerprint } from '../../../src/domain/pipeline.ts';
import { StoreDedupWindow, fingerprintText, storeFingerprint } from '../../../src/pipeline/dedup/index.ts';
import { placeVersion, type Placement } from '../../../src/pipeline/stories/index.ts';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { backends, testPostgres } from '../../store/backends.ts';
import { newVersion, seedVersions, unrelatedNews } from '../stories/helpers.ts';

for (const backend of backends()) {
  describe(`copy lookup over the store's fingerprint log (${backend.name})`, () => {
    let a: Repository;
    let b: Repository;
    beforeAll(async () => {
      a = await backend.open();
      b = await openStore(backend.urlOf(a)); // another process's view of the same store: a window of its own
    });
    afterAll(async () => {
      await b.close();
      await backend.cleanup();
    });

    it('finds a copy of what another process stored, and an article by the fuller text that replaced its first', async () => {
      const s = seedVersions();
      // A fragment first: the fuller publisher's text becomes canonical when it comes.
      const fragment = newVersion({ outlet: 'Clipper', title: 'Iraq', text: s.publisherText.slice(0, Math.floor(s.publisherText.length * 0.6)), published: '2025-02-20T08:00:00Z' });
      const first = await placeVersion(a, fragment);
      const full = await placeVersion(b, s.publisher);
      expect(full.article.id).toBe(first.article.id);
      expect(full.article.canonicalVersionId).toBe(full.version.id);
      const copy = await placeVersion(a, s.aggregator);
      expect(copy.isNewArticle).toBe(false);
      expect(copy.article.id).toBe(first.article.id);
      expect(await a.countArticles()).toBe(1);
    });

    it('reads a transaction that was still running when this process last read the log', async (ctx) => {
      // Two transactions at once need a server (SQLite and PGlite take one writer at a time).
      if (backend.name === 'sqlite' || (await testPostgres()).kind !== 'server') ctx.skip();
      const [n1, n2, n3] = unrelatedNews().slice(1, 4);
      const early = newVersion({ outlet: 'Early', title: n1!.title, text: n1!.text, published: '2025-03-01T08:00:00Z' });
      const other = newVersion({ outlet: 'Other', title: n2!.title, text: n2!.text, published: '2025-03-01T08:00:00Z' });
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      let placed!: (p: Placement) => void;
      const stored = new Promise<Placement>((r) => { placed = r; });
      // `early` is written in a transaction that stays open while `a` places and reads the log.
      const held = b.transaction(async (tx) => {
        placed(await placeVersion(tx, early));
        await gate;
      });
      const e = await stored;
      // Meanwhile `a` stores an article, and reads the log again (finding that one, written after `early`).
      await placeVersion(a, other);
      await placeVersion(a, newVersion({ outlet: 'Third', title: n3!.title, text: n3!.text, published: '2025-03-01T08:30:00Z' }));
      release();
      await held;
      const copy = await placeVersion(a, newVersion({ outlet: 'Copier', title: n1!.title, text: n1!.text.replace(/\./g, '!'), published: '2025-03-01T09:00:00Z' }));
      expect(copy.isNewArticle).toBe(false);
      expect(copy.article.id).toBe(e.article.id);
    });
  });
}

/** A fingerprint log in memory, to drive the window's catch-up by hand. */
class Log {
  rows: LoggedFingerprint[] = [];
  generation = 0;
  reads: (number | null)[] = [];
  gate: Promise<void> | null = null;
  add(id: number, text: string): void {
    const stored = storeFingerprint(fingerprintText(text));
    this.rows.push({ seq: this.rows.length + 1, articleId: id as ArticleId, bands: stored.bands, signature: stored.signature, published: null });
  }
  async fingerprintsSince(cursor: number | null, newest: number): Promise<FingerprintLogPage> {
    this.reads.push(cursor);
    const rows = cursor === null ? this.rows.slice(-newest) : this.rows.filter((r) => r.seq > cursor);
    await this.gate; // the rows were taken before the gate: as a statement's snapshot is
    return { rows, cursor: rows.at(-1)?.seq ?? cursor ?? 0, generation: this.generation };
  }
}

describe('the dedup window', () => {
  const texts = unrelatedNews().map((n) => n.text);
  const found = (w: StoreDedupWindow, text: string) => w.lookup(fingerprintText(text), 5).map((c) => c.key);

  it('a catch-up asked for while one runs reads again after it, so nothing written before the ask is missed', async () => {
    const log = new Log();
    const w = new StoreDedupWindow();
    log.add(1, texts[0]!);
    let open!: () => void;
    log.gate = new Promise<void>((r) => { open = r; });
    const running = w.catchUp(log); // took its rows: article 1
    log.add(2, texts[1]!); // written after that read began, before the next ask
    const asked = w.catchUp(log);
    open();
    await Promise.all([running, asked]);
    expect(found(w, texts[1]!)).toEqual([2]);
    expect(found(w, texts[0]!)).toEqual([1]);
  });

  it('reads the log from the start when the store lost rows it had handed out', async () => {
    const log = new Log();
    const w = new StoreDedupWindow();
    log.add(1, texts[0]!);
    log.add(2, texts[1]!);
    await w.catchUp(log);
    expect(found(w, texts[1]!)).toEqual([2]);
    // A failed group COMMIT: row 2 is gone, and its position is taken by another article's text.
    log.rows.pop();
    log.add(3, texts[2]!);
    log.generation++;
    await w.catchUp(log);
    expect(found(w, texts[1]!)).toEqual([]);
    expect(found(w, texts[2]!)).toEqual([3]);
    expect(log.reads.at(-1)).toBeNull();
  });

  it('takes pages read with other statements in any order, and keeps the furthest cursor', async () => {
    const log = new Log();
    const w = new StoreDedupWindow();
    log.add(1, texts[0]!);
    expect(w.position()).toBeNull(); // nothing held yet: the window reads for itself first
    await w.catchUp(log);
    const at = w.position()!;
    log.add(2, texts[1]!);
    const early = await log.fingerprintsSince(at.cursor, 0);
    log.add(3, texts[2]!);
    const late = await log.fingerprintsSince(at.cursor, 0);
    expect(w.accept(at, late)).toBe(true);
    expect(w.accept(at, early)).toBe(true); // came back last: adds nothing, moves nothing back
    expect(w.position()!.cursor).toBe(3);
    expect([found(w, texts[1]!), found(w, texts[2]!)]).toEqual([[2], [3]]);
    // A page read before the window started over belongs to the old window.
    w.reset();
    expect(w.accept(at, late)).toBe(false);
  });

  it('holds the newest fingerprints only: a fresh process starts from the newest window', async () => {
    const log = new Log();
    texts.slice(0, 4).forEach((t, i) => log.add(i + 1, t));
    const w = new StoreDedupWindow(2);
    await w.catchUp(log);
    expect(w.size).toBe(2);
    expect(found(w, texts[0]!)).toEqual([]);
    expect(found(w, texts[3]!)).toEqual([4]);
  });
});
