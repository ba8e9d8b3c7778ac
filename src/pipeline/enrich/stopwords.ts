// English stop words (the SMART-style list used by keyphrase tools, trimmed), for candidates and facts.
import * as stopword from 'stopword';
import { iso3Codes } from '../normalize/index.ts';

export const STOPWORDS = new Set(
  `a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become
becomes becoming been before beforehand behind being below beside besides between beyond both but by can cannot
could did do does doing done down due during each either else elsewhere enough etc even ever every everyone
everything everywhere except few for former formerly from further had has have having he hence her here hereafter
hereby herein hereupon hers herself him himself his how however i if in indeed instead into is it its itself just
last latter latterly least less like made make many may me meanwhile might mine more moreover most mostly much must
my myself namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on
once one only onto or other others otherwise our ours ourselves out over own per perhaps please put quite rather
re really same say says said see seem seemed seeming seems several she should since so some somehow someone
something sometime sometimes somewhere still such than that the their theirs them themselves then thence there
thereafter thereby therefore therein thereupon these they this those though through throughout thru thus to
together too toward towards under until up upon us use used using very via was we well were what whatever when
whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever
whole whom whose why will with within without would yet you your yours yourself yourselves s t don didn doesn isn
wasn weren won wouldn couldn shouldn ll ve d m o get got gets go goes going went also new year years time told
according including include includes among two three four five six seven eight nine ten first second third
mr mrs ms dr today yesterday tomorrow week weeks day days month months monday tuesday wednesday thursday friday
saturday sunday`.split(/\s+/),
);

const byLanguage = new Map<string, Set<string> | null>();

/**
 * Stop words of a language other than English (as detectLanguage names it), or null when none are known:
 * the `stopword` package's lists, so that a Portuguese or Spanish article's "de" and "que" are never topics.
 */
export function stopwordsFor(language: string): Set<string> | null {
  let set = byLanguage.get(language);
  if (set === undefined) {
    const list = iso3Codes(language).map((c) => stopword[c]).find(Array.isArray);
    set = list ? new Set(list.map((w) => w.toLowerCase())) : null;
    byLanguage.set(language, set);
  }
  return set;
}
