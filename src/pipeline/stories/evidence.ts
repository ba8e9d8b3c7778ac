// Evidence that holds across languages, for placing an Arabic article in the story its English
// coverage started (and the other way round): Arabic words that name places, demonyms, months and
// common news notions become the English words an English article uses for them ("العراق" → iraq,
// "الأميركية" → united states, "فبراير" → february, "العقوبات" → sanctions); numbers are written as
// English text splits them ("٢٥٠٠" → "2,500"). Other Arabic words without the article (names, mostly) stay
// as their light stems, so Arabic articles still find each other. English text is not touched, so English
// clustering is as before.
import { readFileSync } from 'node:fs';
import { hasArabic, normalizeArabic } from '../normalize/arabic.ts';
import { foldTypography } from '../normalize/index.ts';
import { arabicGazetteer, arabicKey, articleMismatch, DEFINITE, demonymPlace } from '../enrich/arabic/gazetteer.ts';
import { arabicTokens, FUNCTION_WORDS, isSpeechVerb } from '../enrich/arabic/words.ts';

const MONTHS: Record<string, string> = {
  يناير: 'january', فبراير: 'february', مارس: 'march', ابريل: 'april', مايو: 'may', يونيو: 'june', يونيه: 'june',
  يوليو: 'july', يوليه: 'july', اغسطس: 'august', سبتمبر: 'september', اكتوبر: 'october', نوفمبر: 'november',
  ديسمبر: 'december', شباط: 'february', اذار: 'march', نيسان: 'april', ايار: 'may', حزيران: 'june', تموز: 'july',
  ايلول: 'september',
};

let lexicon: { words: Map<string, string>; longest: number } | null = null;

function loadLexicon(): { words: Map<string, string>; longest: number } {
  if (lexicon) return lexicon;
  const words = new Map<string, string>();
  let longest = 1;
  for (const line of readFileSync(new URL('./data/lexicon-ar-en.tsv', import.meta.url), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [forms = '', en = ''] = line.split('\t');
    for (const f of forms.split('|').filter(Boolean)) {
      const k = arabicKey(f);
      if (!words.has(k)) words.set(k, en);
      longest = Math.max(longest, k.split(' ').length);
    }
  }
  lexicon = { words, longest };
  return lexicon;
}

/**
 * The text with its Arabic words put in language-independent form (see above); the input itself when
 * it has no Arabic. Pure; the story terms of the result are what similarity compares.
 */
export function crossLingualText(text: string): string {
  if (!hasArabic(text)) return text;
  const folded = foldTypography(text);
  const gaz = arabicGazetteer();
  const lex = loadLexicon();
  const longest = Math.max(gaz.longest, lex.longest);
  const toks = arabicTokens(folded);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (/^\d/.test(t.text)) {
      // As written: story terms join "115,000" into 115000 in both languages.
      out.push(t.text);
      continue;
    }
    if (FUNCTION_WORDS.has(t.norm) || isSpeechVerb(t)) continue;
    let matched = false;
    for (let n = Math.min(longest, toks.length - i); n >= 1 && !matched; n--) {
      const run = toks.slice(i, i + n);
      if (run.slice(1).some((x) => !/^ +$/.test(x.gap))) continue;
      const key = arabicKey(run.map((x) => x.text).join(' '));
      const found = gaz.places.get(key);
      const place = found && !articleMismatch(t.norm, t.stem, found) ? found : undefined;
      const word = lex.words.get(key);
      if (!place && !word) continue;
      out.push(place ? place.id : word!);
      i += n - 1;
      matched = true;
    }
    if (matched) continue;
    // A definite nisba right after an indefinite word that is not a function word is a family name, not a
    // nationality: "محمد شياع السوداني" is Mohammed Shia al-Sudani, not Sudan, where "الحكومة العراقية"
    // (the noun definite too) is the Iraqi government. Being definite, the name is then dropped like the
    // other definite words no English article shares (keeping its stem cost pairs.jsonl 87.1 → 83.9 % pair join).
    const prev = toks[i - 1];
    const surname = /^ال/.test(t.norm) && !!prev && /^ +$/.test(t.gap) && !DEFINITE.test(prev.norm) &&
      !/^\d/.test(prev.text) && !FUNCTION_WORDS.has(prev.norm);
    const dem = surname ? null : demonymPlace(t.text);
    const month = MONTHS[normalizeArabic(t.text).replace(/^ال/, '')];
    if (dem || month) out.push(dem ? dem.id : month!);
    // A definite word no English article shares (a common noun or adjective) only dilutes the vector and
    // crowds the shared terms out of the candidate lookup; other words (names most often) are kept, so
    // Arabic articles on one event still find each other by them.
    else if (!DEFINITE.test(t.norm)) out.push(t.stem);
  }
  // Latin words of a mixed text (names, acronyms) are kept too, after the Arabic ones.
  const latin = folded.match(/[A-Za-z][A-Za-z'-]+/g) ?? [];
  return [...out, ...latin].join(' ');
}
