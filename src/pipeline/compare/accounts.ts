// How the accounts of one story differ: each article (with its copies) is one outlet's account, written
// in its own words, so paragraphs do not line up; what can be compared is what they state. Numbers that
// count the same thing and disagree ("2,500 troops" against "2,000 troops"), facts and direct quotes
// that no other account carries.
import type { DigestFact, DigestQuote, Difference, NumberChange } from '../../domain/analysis.ts';
import type { ArticleId } from '../../domain/types.ts';
import { excerpt, hasPhrase, wordLine, wordsOf } from './text.ts';

export interface Account {
  articleId: ArticleId;
  /** Accounts are compared by their words and units, so only with accounts in the same language (null: unknown, any). */
  language?: string | null;
  /** Every text of the account: the article's and its copies' (a copy may carry what the original lacks). */
  texts: string[];
  facts: DigestFact[];
  quotes: DigestQuote[];
}

/** Listed per account at most: what only one outlet says is a pointer, not a second article. */
const MAX_ONLY = 5;
/** A quote shorter than this is a phrase anyone may use, not evidence of an exclusive quote. */
const MIN_QUOTE_WORDS = 5;

export interface AccountsComparison {
  fullest: ArticleId | null;
  differences: Map<ArticleId, Difference[]>;
}

export function compareAccounts(accounts: Account[]): AccountsComparison {
  const differences = new Map<ArticleId, Difference[]>();
  if (accounts.length < 2) return { fullest: accounts[0]?.articleId ?? null, differences };
  const size = (a: Account) => Math.max(...a.texts.map((t) => wordsOf(t).length));
  const fullest = accounts.reduce((best, a) => (size(a) > size(best) ? a : best));
  const lines = new Map(accounts.map((a) => [a.articleId, a.texts.map(wordLine)]));
  const sameLanguage = (x: Account, y: Account) => !x.language || !y.language || x.language === y.language;
  // An Arabic account's "٢٥٠٠ جندي" is the English one's "2,500 troops": not something only it says.
  const others = (a: Account) => accounts.filter((x) => x !== a && sameLanguage(x, a));

  for (const a of accounts) {
    const out: Difference[] = [];
    if (!others(a).length) continue;
    if (a !== fullest && sameLanguage(a, fullest)) {
      const changes = disagreements(fullest.facts, a.facts);
      if (changes.length) out.push({ kind: 'numbers-differ', changes });
    }
    // One line per figure: a headline and its body often state the same one ("five new designations").
    const byFigure = new Map<string, string>();
    for (const f of a.facts) {
      if (!(f.kind === 'date' || f.unit) || others(a).some((o) => carriesFact(o, lines.get(o.articleId)!, f))) continue;
      const key = `${f.kind}|${f.value}|${(f.unit ?? '').toLowerCase()}`;
      if (!byFigure.has(key)) byFigure.set(key, factText(f));
    }
    const onlyFacts = [...byFigure.values()];
    if (onlyFacts.length) out.push({ kind: 'only-facts', facts: onlyFacts.slice(0, MAX_ONLY) });
    const onlyQuotes = a.quotes
      .filter((q) => q.direct && wordsOf(q.text).length >= MIN_QUOTE_WORDS && !others(a).some((o) => lines.get(o.articleId)!.some((l) => hasPhrase(l, q.text))))
      .map((q) => ({ text: excerpt(q.text, 200), speaker: q.speaker }));
    if (onlyQuotes.length) out.push({ kind: 'only-quotes', quotes: onlyQuotes.slice(0, MAX_ONLY) });
    if (out.length) differences.set(a.articleId, out);
  }
  return { fullest: fullest.articleId, differences };
}

/** "around 2,500 troops in Iraq"; a date with what happened then. */
export function factText(f: DigestFact): string {
  if (f.kind === 'date') return f.about ? `${f.text}: ${f.about}` : f.text;
  if (!f.about) return f.text;
  // The phrase usually holds its unit ("new designations under …"); a counted noun (lower case) goes first
  // only where it does not. Money and percentages carry their unit in their own text ("12%", "$1.5 billion").
  const unit = /^\p{Ll}+$/u.test(f.unit ?? '') ? f.unit! : '';
  const about = !unit || wordsOf(f.about).includes(unit) ? f.about : `${unit} ${f.about}`;
  return `${f.text} ${about}`;
}

function carriesFact(o: Account, lines: string[], f: DigestFact): boolean {
  if (o.facts.some((g) => g.kind === f.kind && g.value === f.value && (f.kind === 'date' || g.unit === f.unit))) return true;
  // Written differently ("2,500" as "2500", or not read as a fact there): the same figure in the text.
  const figure = f.kind === 'number' ? String(f.text).match(/[\d.,]+/)?.[0] : null;
  return !!figure && lines.some((l) => hasPhrase(l, figure));
}

const aboutWords = (f: DigestFact) => new Set(wordsOf(f.about ?? f.unit ?? '').filter((w) => !/^(?:of|in|from|at|for|on|with|the|a|an)$/.test(w)));

function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.min(a.size, b.size);
}

/**
 * Numbers of `theirs` that count what a number of `ours` counts (same unit, mostly the same words about
 * it) but disagree, when `ours` states no number of that value for that unit at all: "2,000 troops in
 * Iraq" against "2,500 troops in Iraq" is a disagreement, "1,000 additional troops" beside them is not.
 */
export function disagreements(ours: DigestFact[], theirs: DigestFact[]): NumberChange[] {
  const out: NumberChange[] = [];
  for (const t of theirs) {
    if (t.kind !== 'number' || !t.unit) continue;
    const same = ours.filter((o) => o.kind === 'number' && o.unit === t.unit);
    if (!same.length || same.some((o) => o.value === t.value)) continue;
    const tw = aboutWords(t);
    const scored = same.map((o) => ({ o, s: overlap(aboutWords(o), tw) })).sort((x, y) => y.s - x.s);
    // The counted words must agree beyond doubt (one contains the other), and point at one number only.
    const best = scored[0]!.s >= 0.99 && !(scored[1] && scored[1].s >= 0.99 && scored[1].o.value !== scored[0]!.o.value) ? scored[0]!.o : null;
    if (!best) continue;
    if (theirs.some((x) => x !== t && x.unit === t.unit && x.value === best.value)) continue;
    out.push({ from: best.text, to: t.text, unit: t.unit });
  }
  return out;
}
