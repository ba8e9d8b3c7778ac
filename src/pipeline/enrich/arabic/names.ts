// Names in Arabic text, which has no capital letters to find them by: places from the Arabic gazetteer,
// people from the patterns news writes them in (a title phrase before the name, "وزير الخارجية العراقي
// فؤاد حسين"; a speech verb before it, "وقال عدي الخدران،"), organisations from their head noun
// ("وزارة الخارجية الأميركية"), then every later mention of a found person's family name ("السوداني").
import type { Span } from '../../normalize/index.ts';
import { normalizeArabic } from '../../normalize/arabic.ts';
import { arabicGazetteer, arabicKey, articleMismatch, demonymPlace } from './gazetteer.ts';
import { arabicTokens, isFunctionWord, isSpeechVerb, isTitle, joined, NOT_NAMES, type ArabicToken } from './words.ts';

export interface ArabicMention {
  type: 'PER' | 'ORG' | 'LOC';
  start: number;
  end: number;
  text: string;
  /** Arabic display name: the place's name, the person's fullest name, the organisation as written. */
  canonical: string;
  /** Language-independent id of a place (its English canonical name). */
  id?: string;
  /** The title phrase or apposition naming a person's role. */
  role?: string;
}

const ORG_HEADS = new Set(['وزاره', 'مجلس', 'حكومه', 'جيش', 'حزب', 'حركه', 'منظمه', 'بنك', 'مصرف', 'جامعه', 'محكمه', 'شركه', 'هيئه', 'وكاله', 'برلمان', 'اتحاد', 'امم', 'حلف', 'تحالف', 'صندوق', 'منتدي']);
const MAX_NAME_WORDS = 4;

/** The offset where a word's prefix clitics end, so that a mention of "والعراق" is "العراق". */
function bareStart(t: ArabicToken, firstNameWord: string): number {
  if (t.norm.length !== t.text.length || t.norm.startsWith('ال')) return t.start; // diacritics shift offsets
  if (/^[وفبكل]ال/.test(t.norm) && !firstNameWord.startsWith(t.norm.slice(0, 2))) return t.start + 1;
  const n = t.norm.length - firstNameWord.length;
  if (n > 0 && n <= 3 && t.norm.endsWith(firstNameWord)) return t.start + n;
  return t.start;
}

export function findArabicNames(folded: string, sentences: Span[]): ArabicMention[] {
  const gaz = arabicGazetteer();
  const out: ArabicMention[] = [];
  const people = new Map<string, { full: string; role?: string }>();
  for (const s of sentences) {
    const toks = arabicTokens(folded, s.start, s.end);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      // Places: the longest run of words whose stems are a place name.
      let placed = false;
      for (let n = Math.min(gaz.longest, toks.length - i); n >= 1 && !placed; n--) {
        const run = toks.slice(i, i + n);
        if (run.slice(1).some((x) => !joined(x))) continue;
        const p = gaz.places.get(arabicKey(run.map((x) => x.text).join(' ')));
        if (!p) continue;
        if (articleMismatch(t.norm, t.stem, p)) continue;
        const start = bareStart(t, normalizeArabic(p.name.split(' ')[0]!));
        out.push({ type: 'LOC', start, end: run[n - 1]!.end, text: folded.slice(start, run[n - 1]!.end), canonical: p.name, id: p.id });
        i += n - 1;
        placed = true;
      }
      if (placed) continue;
      // Organisations: a head noun and the definite words or demonyms that qualify it.
      if ((ORG_HEADS.has(t.norm) || (/^[وف]/.test(t.norm) && ORG_HEADS.has(t.norm.slice(1)))) && !t.norm.startsWith('ال') && !/^[وفبكل]ال/.test(t.norm)) {
        let j = i + 1;
        while (j < toks.length && j - i < 4 && joined(toks[j]!) && (toks[j]!.norm.startsWith('ال') || gaz.places.has(toks[j]!.stem)) && !isFunctionWord(toks[j]!)) j++;
        if (j > i + 1) {
          const start = ORG_HEADS.has(t.norm) ? t.start : t.start + 1;
          out.push({ type: 'ORG', start, end: toks[j - 1]!.end, text: folded.slice(start, toks[j - 1]!.end), canonical: folded.slice(start, toks[j - 1]!.end) });
          i = j - 1;
          continue;
        }
      }
      // People after a title phrase or a speech verb.
      const titled = isTitle(t);
      if (!titled && !isSpeechVerb(t)) continue;
      let j = i + 1;
      let roleStart = titled ? i : -1;
      if (!titled && j < toks.length && joined(toks[j]!) && isTitle(toks[j]!)) { roleStart = j; j++; }
      if (roleStart >= 0) {
        // The title's qualifiers: definite words, places, demonyms, "باسم" and construct nouns after it.
        while (j < toks.length && joined(toks[j]!) && !isFunctionWord(toks[j]!) && qualifies(toks[j]!)) j++;
      }
      const name = nameAt(toks, j, 2);
      if (!name) continue;
      const [a, b] = name;
      const text = folded.slice(toks[a]!.start, toks[b]!.end);
      const role = roleStart >= 0 ? folded.slice(toks[roleStart]!.start, toks[j - 1]!.end).replace(/^[وف](?=ال|رئيس|وزير|نائب|مساعد)/, '') : appositionAfter(folded, toks, b);
      out.push({ type: 'PER', start: toks[a]!.start, end: toks[b]!.end, text, canonical: text, role: role || undefined });
      if (!people.has(text)) people.set(text, { full: text, role: role || undefined });
      i = b;
    }
  }
  return addRepeats(folded, sentences, out, people);

  function qualifies(t: ArabicToken): boolean {
    return t.norm.startsWith('ال') || /^[وفبكل]ال/.test(t.norm) || t.norm === 'باسم' || t.norm === 'لشؤون' || isTitle(t) || gaz.places.has(t.stem) || !!demonymPlace(t.text) || ORG_HEADS.has(t.stem) || ORG_HEADS.has(t.norm);
  }
}

/** A word that ends a name: after punctuation, a function word, a speech verb, a title ("ورئيس"). */
function boundary(t: ArabicToken | undefined): boolean {
  if (!t || !joined(t) || isFunctionWord(t) || isSpeechVerb(t) || isTitle(t)) return true;
  return /^و/.test(t.norm) && (/^وال/.test(t.norm) || TITLE_AFTER_AND.test(t.norm));
}
const TITLE_AFTER_AND = /^و(?:رئيس|وزير|نائب|مساعد|قائد|زعيم|سفير|مدير|المتحدث)/;

/**
 * A name of two to four words starting at toks[i] ([first, last] index), or null. Arabic has no capitals
 * to tell where a name ends, so a name is two words unless a longer run ends at a clear boundary
 * ("محمد شياع السوداني."); a definite word ends a name only there ("عدي الخدران،", not "فؤاد حسين التزام").
 */
function nameAt(toks: ArabicToken[], i: number, minWords: number): [number, number] | null {
  const t = toks[i];
  if (!t || !joined(t) || isFunctionWord(t) || isTitle(t) || isSpeechVerb(t) || NOT_NAMES.has(t.norm)) return null;
  if (t.norm.startsWith('ال') || /^[وفبكل]ال/.test(t.norm) || demonymPlace(t.text) || arabicGazetteer().places.has(t.stem)) return null;
  // The words that could belong to the name: up to four, none a boundary, a definite one only last.
  let j = i;
  while (j + 1 < toks.length && j + 1 - i < MAX_NAME_WORDS && !boundary(toks[j + 1]) && !toks[j]!.norm.startsWith('ال')) j++;
  for (let k = i + minWords - 1; k <= j; k++) {
    if (toks[k]!.norm.startsWith('ال') && k > i && !boundary(toks[k + 1])) return k - 1 >= i + minWords - 1 ? [i, k - 1] : null;
    if (boundary(toks[k + 1])) return [i, k];
  }
  if (j < i + minWords - 1) return null;
  const end = i + minWords - 1;
  return toks[end]!.norm.startsWith('ال') ? null : [i, end];
}

/** ", القيادي في الإطار التنسيقي،" after a name: the apposition up to the next comma (short ones only). */
function appositionAfter(folded: string, toks: ArabicToken[], last: number): string | null {
  const rest = folded.slice(toks[last]!.end, toks[last]!.end + 100);
  const m = /^\s*[,\u060C]\s*([^,\u060C.:;\u061B"\n]{2,80}?)\s*[,\u060C]/.exec(rest);
  if (!m) return null;
  const first = arabicTokens(m[1]!)[0];
  return first && (first.norm.startsWith('ال') || isTitle(first)) ? m[1]!.trim() : null;
}

/** Later mentions of a found person by a part of the name (the family name most often). */
function addRepeats(folded: string, sentences: Span[], found: ArabicMention[], people: Map<string, { full: string; role?: string }>): ArabicMention[] {
  const byPart = new Map<string, string>();
  for (const full of people.keys()) {
    const parts = arabicTokens(full);
    // The last word, and a lone first name only where no one else shares it.
    for (const p of [parts.at(-1)!, parts[0]!]) {
      if (p.stem.length < 3) continue;
      if (byPart.has(p.stem) && byPart.get(p.stem) !== full) byPart.set(p.stem, '');
      else byPart.set(p.stem, full);
    }
  }
  const covered = (a: number, b: number) => found.some((m) => m.start < b && m.end > a);
  const out = [...found];
  for (const s of sentences) {
    for (const t of arabicTokens(folded, s.start, s.end)) {
      const full = byPart.get(t.stem);
      if (!full || covered(t.start, t.end)) continue;
      const start = bareStart(t, t.stem);
      out.push({ type: 'PER', start, end: t.end, text: folded.slice(start, t.end), canonical: full });
    }
  }
  // Every mention of a person takes the fullest name found ("ترمب" → "دونالد ترمب").
  for (const m of out) {
    if (m.type !== 'PER') continue;
    const longer = [...people.keys()].filter((f) => f !== m.canonical && f.includes(m.canonical)).sort((a, b) => b.length - a.length)[0];
    if (longer) m.canonical = longer;
  }
  return out.sort((a, b) => a.start - b.start);
}
