// Arabic search on both backends: spelling variants and prefix clitics fold the same way when the article
// is indexed and when the reader queries, so a bare stem finds the article and every prefixed form.
// Also the account's interface language, the other column this work adds.
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { backends } from './backends.ts';

const SEED = readFileSync(new URL('../fixtures/arabic/seed-ar.txt', import.meta.url), 'utf8');
const [SEED_TITLE, ...SEED_BODY] = SEED.split('\n\n');

function version(over: Partial<NewVersion>): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: 'Asharq Al-Awsat', url: null, canonicalUrl: null, title: 'T', byline: null,
    text: 'x', html: '<p>x</p>', lede: null, image: null, language: 'ar', published: '2026-03-01T10:00:00.000Z',
    fetchedAt: '2026-03-01T10:00:00.000Z', contentHash: 'h', ...over,
  };
}

for (const backend of backends()) {
  describe(`Arabic search and the interface language (${backend.name})`, () => {
    let repo: Repository;
    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
    });
    afterAll(() => backend.cleanup());

    const ids = async (q: string) => (await repo.search(q, { limit: 10 })).hits.map((h) => h.id).sort();

    it('finds the Arabic seed article by stems, prefixed forms, spelling variants and Arabic-Indic digits', async () => {
      const { article } = await repo.createArticle(version({ title: SEED_TITLE!, text: SEED_BODY.join('\n\n'), contentHash: 'seed' }), null);
      const other = (await repo.createArticle(version({ title: 'كأس العالم', text: 'فاز المنتخب المغربي في المباراة النهائية.', contentHash: 'o' }), null)).article;
      const english = (await repo.createArticle(version({ title: 'Iraq talks', text: 'Baghdad and Washington met.', language: 'en', contentHash: 'e' }), null)).article;
      expect(await ids('عراق')).toEqual([article.id]);
      expect(await ids('العراق')).toEqual([article.id]);
      expect(await ids('والعراق')).toEqual([article.id]);
      expect(await ids('بالعراق')).toEqual([article.id]);
      // Alef with hamza typed bare, ta marbuta typed as ha, diacritics and tatweel typed by the reader.
      expect(await ids('ايران')).toEqual([article.id]);
      expect(await ids('الخارجيه')).toEqual([article.id]);
      expect(await ids('العِرَاق')).toEqual([article.id]);
      expect(await ids('العـــراق')).toEqual([article.id]);
      expect(await ids('2500')).toEqual([article.id]);
      expect(await ids('"الضغط الأقصى"')).toEqual([article.id]);
      expect(await ids('المنتخب')).toEqual([other.id]);
      expect(await ids('عراق -إيران')).toEqual([]);
      // English search is untouched by the Arabic column.
      expect(await ids('iraq')).toEqual([english.id]);
      expect(await repo.checkIntegrity()).toEqual([]);
    });

    it('keeps an account\'s interface language', async () => {
      const a = await repo.createAccount({ email: 'r@example.org', name: 'R', passwordHash: 'x' });
      expect(a.locale ?? null).toBeNull();
      await repo.setAccountLocale(a.id, 'ar');
      expect((await repo.getAccount(a.id))?.locale).toBe('ar');
      await repo.setAccountLocale(a.id, null);
      expect((await repo.getAccount(a.id))?.locale ?? null).toBeNull();
      await expect(repo.setAccountLocale(999999 as never, 'ar')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('indexes the text of a fuller version that becomes canonical', async () => {
      const { article } = await repo.createArticle(version({ title: 'خبر قصير', text: 'لا شيء هنا.', contentHash: 's' }), null);
      expect(await ids('الموصل')).toEqual([]);
      await repo.addVersion(article.id, version({ outlet: 'Other', title: 'عبّارة الموصل', text: 'لا شيء هنا. وغرقت العبّارة في نهر دجلة قرب الموصل.', contentHash: 'z' }), true, null);
      expect(await ids('موصل')).toEqual([article.id]);
      expect(await ids('قصير')).toEqual([]);
    });
  });
}
