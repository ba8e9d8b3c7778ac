// Links written into an article's text (an embedded tweet's "https://t.co/…", "pic.twitter.com/…", "www.…") are
// addresses, not words: blanked before keyphrases are looked for, so "https" is never a keyphrase or a topic.

const LINK_START = /\b(?:https?:\/\/|www\.|pic\.twitter\.com\/)/i;
const LINK = new RegExp(`${LINK_START.source}[^\\s<>"“”]+`, 'giu');

/** `text` with every link replaced by spaces: the same length, so offsets into it stay offsets into the article. */
export function blankLinks(text: string): string {
  if (!LINK_START.test(text)) return text;
  return text.replace(LINK, (m) => ' '.repeat(m.length));
}
