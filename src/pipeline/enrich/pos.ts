// Part-of-speech tags of a sentence's tokens, exactly as `wink-pos-tagger`'s tagRawTokens gives them, for a
// third of its cost. Its lexicon lookup (with the suffix regexes of unknown words) and its normalising
// (lower case, NFD, accents dropped) depend on the word alone, so they run once per distinct word here;
// its context rules run per sentence in the package's order, compiled here from its rule files (see
// compileRules); and of its lemmatising
// step only what changes a tag is kept (years are CD; capitalised adjectives and nouns NNP), not the
// lemmas, which keyphrases never read. The package's internals are loaded from the package itself
// (pinned at 2.2.2 in package-lock.json); test/pipeline/enrich/keyphrases.test.ts checks the tags match.
import { createRequire } from 'node:module';
import { remembered } from '../normalize/index.ts';

interface WinkToken { value: string; tag: string; normal: string; pos: string }
type Unigram = (token: WinkToken, lexicon: unknown) => string[];

const winkRequire = createRequire(createRequire(import.meta.url).resolve('wink-pos-tagger'));
const unigramPOSTagger = winkRequire('./unigram-tagger.js') as Unigram;
const lexicon = winkRequire('wink-lexicon/src/lexicon.js') as unknown;
const normalize = (winkRequire('wink-helpers') as { string: { normalize(s: string): string } }).string.normalize;

// As tagRawTokens sorts raw tokens (the first pattern is the package's, unanchored end and all).
const NUMBER = /^\d+\/\d+|\d(?:[\.\,\-\/]?\d)*(?:\.\d+)?$/;
const PUNCTUATION = /^[\’\'\‘\’\`\“\”\"\[\]\(\)\{\}\…\,\.\!\;\?\-\:]+$/;
// The package's lemmatize(): words with a lemma of their own keep their tag; these years become CD.
const LEMMA_EXCEPTIONS = new Set(['ai', 'ca', 'sha', "'ll", 'wo', "'ve", "'m", "'re", "n't", "'d"]);
const YEARS = new Set(['1990s', '1980s', '1970s', '1960s', '1950s', '1940s', '1930s', '1910s', 'mid-1990s', 'mid-1980s', 'mid-1970s',
  'mid-1960s', 'mid-1950s', 'mid-1940s', 'mid-1930s', 'mid-1920s', 'mid-1910s']);

/** A rule file's rule, as the package writes it: tests on tokens near the current one, then a tag to set. */
interface WinkRule {
  rules: { op: 0 | 1; operand: { property: 'value' | 'normal' | 'pos'; delta?: number; range?: [number, number] }; matches: RegExp }[];
  thenPosAt: number;
  willBe: string;
}
type Prop = 'value' | 'normal' | 'pos';
/** One test of a rule: is the property of a token at one of `at` (offsets from the current token) matched? */
interface Test { prop: Prop; at: number[]; literal: string | null; matches: RegExp }
interface Rule { tests: Test[]; thenPosAt: number; willBe: string }

/**
 * The package's rules engine (src/rules-engine.js) does per token, per rule, per test a table dispatch and a
 * regex test; that was ~60 % of the tagging. Compiled here once: a pattern that is a plain word between
 * anchors ("^that$", "^IN$", nearly all of them) becomes a string comparison, which is the same test on the
 * strings a token holds (`$` without the m flag matches only at the end); any other keeps its regex
 * ("^U.S.$", "..ing$", "^NN$|^NNS$").
 */
function compileRules(file: string): Map<string, Rule[]> {
  const byPos = winkRequire(file) as Record<string, WinkRule[]>;
  const out = new Map<string, Rule[]>();
  for (const [pos, list] of Object.entries(byPos)) {
    out.set(pos, list.map((r) => ({
      thenPosAt: r.thenPosAt,
      willBe: r.willBe,
      tests: r.rules.map((t) => {
        const at: number[] = [];
        if (t.op === 0) at.push(t.operand.delta!);
        else for (let i = t.operand.range![0]; i <= t.operand.range![1]; i++) at.push(i);
        const plain = t.matches.flags === '' ? /^\^([A-Za-z0-9,'-]+)\$$/.exec(t.matches.source) : null;
        return { prop: t.operand.property, at, literal: plain ? plain[1]! : null, matches: t.matches };
      }),
    })));
  }
  return out;
}

// In the order applyAllContextRules applies them.
const CONTEXT_RULES = ['./rules/value-rules-le0.js', './rules/pos-rules-le0.js', './rules/value-rules-ge0.js', './rules/pos-rules-ge0.js'].map(compileRules);

function passes(test: Test, tokens: WinkToken[], cti: number): boolean {
  for (const d of test.at) {
    const t = tokens[cti + d];
    if (t && (test.literal !== null ? t[test.prop] === test.literal : test.matches.test(t[test.prop]))) return true;
  }
  return false;
}

/** applyAllContextRules of the package: each set in turn; per token, its tag's rules until one changes a tag. */
function applyContextRules(tokens: WinkToken[], poses: string[][]): void {
  for (const set of CONTEXT_RULES) {
    for (let i = 0; i < tokens.length; i++) {
      const rules = set.get(tokens[i]!.pos);
      if (!rules) continue;
      for (const r of rules) {
        let change = true;
        for (let k = 0; k < r.tests.length && change; k++) change = passes(r.tests[k]!, tokens, i);
        if (change && poses[i]!.includes(r.willBe)) { tokens[r.thenPosAt + i]!.pos = r.willBe; break; }
      }
    }
  }
}

export interface Unigrammed { tag: string; normal: string; pos: string; poses: string[] }

/** The unigram step of one raw token: its kind, normal form, first tag and the tags it may take. */
export const unigram = remembered((value: string): Unigrammed => {
  const t = { value, tag: NUMBER.test(value) ? 'number' : PUNCTUATION.test(value) ? 'punctuation' : 'word', normal: normalize(value), pos: '' };
  const poses = unigramPOSTagger(t, lexicon);
  return { tag: t.tag, normal: t.normal, pos: t.pos, poses };
});

/**
 * Penn Treebank tags of `words`, as `wink-pos-tagger`'s tagRawTokens(words) tags them. `known`: the words'
 * unigram(word), when the caller has looked them up already.
 */
export function posTags(words: readonly string[], known?: readonly Unigrammed[]): string[] {
  const tokens: WinkToken[] = new Array(words.length);
  const poses: string[][] = new Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const u = known ? known[i]! : unigram(words[i]!);
    tokens[i] = { value: words[i]!, tag: u.tag, normal: u.normal, pos: u.pos };
    poses[i] = u.poses; // read, never written, by the rules
  }
  applyContextRules(tokens, poses);
  const out = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (YEARS.has(t.normal)) t.pos = 'CD';
    else if (!LEMMA_EXCEPTIONS.has(t.normal) && (t.pos[0] === 'J' || t.pos[0] === 'N') && t.value[0]! >= 'A' && t.value[0]! <= 'Z') t.pos = 'NNP';
    out[i] = t.pos;
  }
  return out;
}
