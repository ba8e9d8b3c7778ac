import { describe, expect, it } from 'vitest';
import { ar } from '../../src/web/i18n/ar.ts';
import { en } from '../../src/web/i18n/en.ts';
import { around, negotiateLocale, relativeTimeIn, t, withLocale } from '../../src/web/i18n/index.ts';

describe('the message catalogue', () => {
  it('has every English message in Arabic, and every message formats in both', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    const values = { before: 'no', name: 'N', signIn: 'a', signUp: 'b', n: 3, outlets: 2, stories: 4, articles: 11, q: 'x', time: 't', byline: 'b', outlet: 'o', list: 'a, b', set: 'dark', llm: 'yes', type: 'PER', more: 'no', filtered: 'no', kind: 'wire', copies: 3, first: 'x', from: 'x', items: 'x', original: 'x', originals: 'x', paragraph: 'x', speaker: 'x', to: 'x', today: 'x', total: 3, tag: '#x', status: '404', sources: 2, feeds: 3, field: 'x' };
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(t(key, values, 'en')).not.toBe('');
      expect(t(key, values, 'ar')).not.toBe('');
    }
  });

  it('uses Arabic plural forms', () => {
    expect(t('story.articles', { n: 1 }, 'ar')).toBe('مقال واحد');
    expect(t('story.articles', { n: 2 }, 'ar')).toBe('مقالان');
    expect(t('story.articles', { n: 5 }, 'ar')).toBe('5 مقالات');
    expect(t('story.articles', { n: 11 }, 'ar')).toBe('11 مقالاً');
    expect(t('story.articles', { n: 5 }, 'en')).toBe('5 articles');
  });

  it('picks the locale from Accept-Language by quality, English when nothing fits', () => {
    expect(negotiateLocale('ar-IQ,ar;q=0.9,en;q=0.8')).toBe('ar');
    expect(negotiateLocale('fr-FR,en;q=0.5,ar;q=0.4')).toBe('en');
    expect(negotiateLocale('fr, ar;q=0.2')).toBe('ar');
    expect(negotiateLocale('de')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('ar;q=0')).toBe('en');
  });

  it('formats relative times and splits messages around markup in the current locale', () => {
    const now = new Date('2025-02-20T12:00:00Z');
    expect(relativeTimeIn(new Date('2025-02-20T10:00:00Z'), now, 'ar')).toBe('قبل ساعتين');
    expect(relativeTimeIn(new Date('2025-02-19T12:00:00Z'), now, 'ar')).toBe('أمس');
    expect(relativeTimeIn(new Date('2025-02-20T10:00:00Z'), now, 'en')).toBe('2 hours ago');
    expect(withLocale('ar', () => around('time.updated', 'time'))).toEqual(['حُدّثت ', '']);
    expect(withLocale('en', () => around('story.firstSeen', 'time'))).toEqual(['First seen ', '']);
  });
});
