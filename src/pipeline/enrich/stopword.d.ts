// The part of the `stopword` package that stopwords.ts uses: its per-language lists (ISO 639-3 names).
declare module 'stopword' {
  const lists: Record<string, string[] | undefined>;
  export = lists;
}
