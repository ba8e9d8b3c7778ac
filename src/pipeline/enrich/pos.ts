// Part-of-speech tags of a sentence's tokens, exactly as `wink-pos-tagger`'s tagRawTokens gives them, for a
// third of its cost. Its lexicon lookup (with the suffix regexes of unknown words) and its normalising
// (lower case, NFD, accents dropped) depend on the word alone, so they run once per distinct word here;
// its context rules run per sentence as in the package (its own rules engine); and of its lemmatising
// step only what changes a tag is kept (years are CD; capitalised adjectives and nouns NNP), not the
// lemmas, which keyphrases never read. The package's internals are loaded from the package itself
// (pinned at 2.2.2 in package-lock.json); test/pipeline/enrich/keyphrases.test.ts checks the tags match.
import { createRequire } from 'node:module';
import { remembered } from '../normalize/index.ts';

interface WinkToken { value: string; tag: string; normal: string; pos: string }
type Unigram = (token: WinkToken, lexicon: unknown) => string[];
type ContextRules = (tokens: WinkToken[], poses: string[][]) => void;

const winkRequire = createRequire(createRequire(import.meta.url).resolve('wink-pos-tagger'));
const unigramPOSTagger = winkRequire('./unigram-tagger.js') as Unigram;
const applyContextRules = winkRequire('./rules-engine.js') as ContextRules;
const lexicon = winkRequire('wink-lexicon/src/lexicon.js') as unknown;
const normalize = (winkRequire('wink-helpers') as { string: { normalize(s: string): string } }).string.normalize;

// As tagRawTokens sorts raw tokens (the first pattern is the package's, unanchored end and all).
const NUMBER = /^\d+\/\d+|\d(?:[\.\,\-\/]?\d)*(?:\.\d+)?$/;
const PUNCTUATION = /^[\’\'\‘\’\`\“\”\"\[\]\(\)\{\}\…\,\.\!\;\?\-\:]+$/;
// The package's lemmatize(): words with a lemma of their own keep their tag; these years become CD.
const LEMMA_EXCEPTIONS = new Set(['ai', 'ca', 'sha', "'ll", 'wo', "'ve", "'m", "'re", "n't", "'d"]);
const YEARS = new Set(['1990s', '1980s', '1970s', '1960s', '1950s', '1940s', '1930s', '1910s', 'mid-1990s', 'mid-1980s', 'mid-1970s',
  'mid-1960s', 'mid-1950s', 'mid-1940s', 'mid-1930s', 'mid-1920s', 'mid-1910s']);

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
