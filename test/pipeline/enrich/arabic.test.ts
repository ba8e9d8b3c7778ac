// Enrichment of the Arabic version of the seed article (test/fixtures/arabic/seed-ar.txt, written for
// this repository): the same functions as for English, switched by the detected language.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';
import { findArabicNames } from '../../../src/pipeline/enrich/arabic/index.ts';
import { foldTypographyKeepOffsets, splitSentences } from '../../../src/pipeline/normalize/index.ts';

const SEED = readFileSync(new URL('../../fixtures/arabic/seed-ar.txt', import.meta.url), 'utf8');
const [title, ...body] = SEED.split('\n\n');
const e = enrich({ title: title!, text: body.join('\n\n'), published: '2025-02-20T10:00:00Z' });
const entity = (name: string) => e.entities.find((x) => x.canonical === name);

describe('Arabic enrichment of the seed article', () => {
  it('detects Arabic and finds the people with their roles', () => {
    expect(e.language).toBe('ar');
    expect(entity('ماركو روبيو')).toMatchObject({ type: 'PER', role: 'وزير الخارجية الأميركي' });
    expect(entity('محمد شياع السوداني')).toMatchObject({ type: 'PER', role: 'رئيس الوزراء العراقي' });
    expect(entity('فؤاد حسين')).toMatchObject({ type: 'PER', role: 'وزير الخارجية العراقي' });
    expect(entity('تامي بروس')?.role).toContain('المتحدثة باسم وزارة الخارجية');
    expect(entity('عدي الخدران')?.role).toBe('القيادي في الإطار التنسيقي');
    expect(entity('ديفيد شينكر')?.type).toBe('PER');
    expect(entity('دونالد ترمب')?.type).toBe('PER');
    // Family names alone are mentions of the person named in full ("السوداني", "روبيو").
    expect(entity('محمد شياع السوداني')!.mentions).toBeGreaterThanOrEqual(3);
    expect(e.entities.some((x) => x.type === 'PER' && ['السوداني', 'روبيو', 'حسين'].includes(x.canonical))).toBe(false);
  });

  it('finds places from the Arabic gazetteer, behind prefixes, without mistaking adjectives', () => {
    for (const p of ['العراق', 'إيران', 'واشنطن', 'بغداد', 'طهران', 'الولايات المتحدة']) expect(entity(p)?.type, p).toBe('LOC');
    expect(entity('العراق')!.mentions).toBeGreaterThanOrEqual(8);
    expect(entity('العراق')!.id).toBe('Iraq'); // one id across languages
    expect(entity('الولايات المتحدة')!.id).toBe('United States');
    expect(entity('مالي')).toBeUndefined(); // "النظام المالي" is the financial system, not Mali
    expect(e.entities.find((x) => x.type === 'ORG' && x.canonical === 'وزارة الخارجية الأميركية')).toBeDefined();
  });

  it('gives the quotes in «…» their speakers', () => {
    const q = (start: string) => e.quotes.find((x) => x.text.startsWith(start));
    expect(q('العراق عمل دائماً')).toMatchObject({ speaker: 'عدي الخدران', verb: 'قال', direct: true });
    expect(q('العراق ليس حالياً')).toMatchObject({ speaker: 'ديفيد شينكر', verb: 'أضاف' });
    expect(q('الحد من نفوذ إيران')?.speaker).toBe('وزارة الخارجية الأميركية');
  });

  it('makes hashtags of names and noun phrases, never of adjectives or bare article forms', () => {
    expect(e.hashtags).toContain('#العراق');
    expect(e.hashtags).toContain('#ماركو_روبيو');
    expect(e.hashtags).toContain('#إطار_تنسيقي');
    expect(e.hashtags).not.toContain('#الخارجية');
    expect(e.hashtags).not.toContain('#الأميركية');
    expect(e.hashtags.length).toBeGreaterThanOrEqual(5);
  });

  it('reads facts with Arabic-Indic digits, Arabic units and Arabic dates', () => {
    expect(e.facts.find((f) => f.value === 2500)).toMatchObject({ text: '٢٥٠٠', unit: 'جندي', about: 'جندي في العراق' });
    expect(e.facts.find((f) => f.value === 1000)?.unit).toBe('جندي');
    expect(e.facts.find((f) => f.kind === 'date')?.value).toBe('2025-02-01');
  });

  it('summarises in whole sentences, never two joined at ". و"', () => {
    expect(e.summary.length).toBe(3);
    for (const s of e.summary) expect(s).not.toMatch(/\.\s+و/);
  });
});

describe('Arabic numbers and names in other phrasing', () => {
  it('reads scale, currency and percent words', () => {
    const x = enrich({ title: '', text: 'وقال وزير المالية المصري محمد معيط إن العجز بلغ ٣٫٥ مليار دولار، أي ما يعادل ٧ بالمئة من الناتج. وأضاف معيط أن الحكومة ستخفض الإنفاق بنحو ٢٠٠ مليون دولار خلال العام المقبل.', language: 'ar' });
    expect(x.facts.find((f) => f.value === 3.5e9)?.unit).toBe('USD');
    expect(x.facts.find((f) => f.value === 2e8)?.unit).toBe('USD');
    expect(x.facts.find((f) => f.unit === '%')?.value).toBe(7);
    expect(x.entities.find((p) => p.canonical === 'محمد معيط')).toMatchObject({ type: 'PER', role: 'وزير المالية المصري', mentions: 2 });
    expect(x.entities.find((p) => p.canonical === 'مصر')).toBeUndefined(); // a demonym qualifies the title; it is not a mention
  });

  it('does not take a common noun after a speech verb for a name', () => {
    const f = foldTypographyKeepOffsets('وقال مصدر أمني إن الهجوم وقع ليلاً. وأكدت الشرطة أن التحقيق مستمر.');
    expect(findArabicNames(f, splitSentences(f)).filter((m) => m.type === 'PER')).toEqual([]);
  });
});

describe('a short Arabic text without a given language', () => {
  it('is read with the Arabic rules', () => {
    const x = enrich({ title: 'روبيو يتصل بالسوداني', text: 'أكد وزير الخارجية الأميركي ماركو روبيو دعم بلاده للعراق.' });
    expect(x.language).toBe('ar');
    expect(x.entities.find((e) => e.canonical === 'ماركو روبيو')?.type).toBe('PER');
    expect(x.entities.find((e) => e.canonical === 'العراق')?.type).toBe('LOC');
  });
});
