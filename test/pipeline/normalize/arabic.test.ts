import { describe, expect, it } from 'vitest';
import { arabicSearchForm, normalizeArabic, searchTerms, stemArabic } from '../../../src/pipeline/normalize/arabic.ts';
import { detectLanguage, foldTypographyKeepOffsets, splitSentences } from '../../../src/pipeline/normalize/index.ts';

describe('Arabic normalisation and light stemming', () => {
  it('folds alef forms, ta marbuta, alef maqsura, diacritics and tatweel', () => {
    expect(normalizeArabic('أإآٱ')).toBe('اااا');
    expect(normalizeArabic('مدرسة')).toBe('مدرسه');
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('العِرَاقُ')).toBe('العراق');
    expect(normalizeArabic('العـــراق')).toBe('العراق');
  });

  it('strips prefix clitics but keeps short words whole', () => {
    for (const w of ['العراق', 'والعراق', 'بالعراق', 'للعراق', 'فالعراق', 'وبالعراق', 'عراق']) expect(stemArabic(w)).toBe('عراق');
    expect(stemArabic('وزير')).toBe('وزير'); // و is the stem's own letter here
    expect(stemArabic('ال')).toBe('ال');
    expect(stemArabic('بيت')).toBe('بيت');
  });

  it('leaves other scripts alone and stores nothing for text without Arabic', () => {
    expect(arabicSearchForm('Iraq والعراق ٢٥٠٠')).toBe('Iraq عراق 2500');
    expect(searchTerms('Iraq', 'Baghdad')).toBeNull();
    expect(searchTerms('العراق', 'text')).toBe('عراق\ntext');
  });
});

describe('Arabic sentences and digits', () => {
  it('splits at full stops and Arabic question marks before a conjunction-led sentence', () => {
    const t = 'أصدرت الوزارة بياناً. وتشير مصادر إلى تهديد؟ وقال المتحدث إن الحوار مستمر؛ وإنه مفيد.';
    expect(splitSentences(t).map((s) => s.text)).toEqual([
      'أصدرت الوزارة بياناً.', 'وتشير مصادر إلى تهديد؟', 'وقال المتحدث إن الحوار مستمر؛ وإنه مفيد.',
    ]);
  });

  it('keeps an abbreviation of one Arabic letter inside its sentence', () => {
    expect(splitSentences('التقى د. محمد علي الوفد. وانتهى الاجتماع.')).toHaveLength(2);
  });

  it('reads Arabic-Indic digits and punctuation as ASCII, one character for one', () => {
    const t = 'نحو ٢٥٠٠ جندي، و١٫٥ مليار؟';
    const f = foldTypographyKeepOffsets(t);
    expect(f).toBe('نحو 2500 جندي، و1.5 مليار؟');
    expect(f.length).toBe(t.length);
  });
});

describe('language of short Arabic text', () => {
  it('is Arabic by its orthography where trigrams guess Pashto or Persian, and Persian and Urdu stay themselves', () => {
    expect(detectLanguage('نحو ٢٥٠٠ جندي، و١٫٥ مليار؟ نحو ٢٥٠٠ جندي، و١٫٥ مليار؟')).toBe('ar');
    expect(detectLanguage('این یک متن فارسی است که برای آزمایش نوشته شده است')).toBe('fa');
    expect(detectLanguage('یہ ایک اردو متن ہے جو جانچ کے لیے لکھا گیا ہے')).toBe('ur');
  });
});
