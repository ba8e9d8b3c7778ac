// The part of `wink-pos-tagger` that keyphrases.ts uses (the package ships no types).
declare module 'wink-pos-tagger' {
  interface TaggedToken {
    value: string;
    tag: 'word' | 'number' | 'punctuation' | string;
    normal?: string;
    pos: string;
    lemma?: string;
  }
  interface Tagger {
    tagRawTokens(tokens: string[]): TaggedToken[];
    tagSentence(sentence: string): TaggedToken[];
  }
  function posTagger(): Tagger;
  export = posTagger;
}
