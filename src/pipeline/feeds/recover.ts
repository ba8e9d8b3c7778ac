// Salvaging broken XML feeds: a truncated download or one malformed entry should not lose the rest.
// The channel header is kept, each entry is tried on its own, and the open elements are closed again.
// Written by hand because no maintained npm XML parser offers error recovery that keeps going.

const TAG = /<([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;

/** Names of the elements still open at the end of an XML prefix. */
export function openElements(xml: string): string[] {
  const stack: string[] = [];
  let i = 0;
  while ((i = xml.indexOf('<', i)) >= 0) {
    if (xml.startsWith('<!--', i)) i = skip(xml, i, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skip(xml, i, ']]>');
    else if (xml.startsWith('<?', i)) i = skip(xml, i, '?>');
    else if (xml.startsWith('<!', i)) i = skip(xml, i, '>');
    else if (xml[i + 1] === '/') {
      const end = xml.indexOf('>', i);
      const name = xml.slice(i + 2, end < 0 ? xml.length : end).trim();
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      i = end < 0 ? xml.length : end + 1;
    } else {
      TAG.lastIndex = i;
      const m = TAG.exec(xml);
      if (!m) {
        i++;
        continue;
      }
      if (!m[3]) stack.push(m[1]);
      i = TAG.lastIndex;
    }
  }
  return stack;
}

function skip(xml: string, from: number, end: string): number {
  const at = xml.indexOf(end, from + 2);
  return at < 0 ? xml.length : at + end.length;
}

const closers = (names: string[]) => names.reverse().map((n) => `</${n}>`).join('');

/** Complete `<item>…</item>` / `<entry>…</entry>` chunks and the header before the first one. */
function splitEntries(xml: string): { header: string; entries: string[]; tag: string } | null {
  const first = /<((?:[\w-]+:)?(?:item|entry))[\s>/]/i.exec(xml);
  if (!first) return null;
  const tag = first[1];
  const entries: string[] = [];
  const open = new RegExp(`<${tag}[\\s>/]`, 'gi');
  const close = `</${tag.toLowerCase()}>`;
  const lower = xml.toLowerCase();
  let m: RegExpExecArray | null;
  open.lastIndex = first.index;
  while ((m = open.exec(xml))) {
    const end = lower.indexOf(close, m.index);
    if (end < 0) break; // the cut-off last entry
    const next = lower.indexOf(`<${tag.toLowerCase()}`, m.index + 1);
    // An entry whose close tag lies beyond the next entry's start is broken: skip it and go on.
    if (next >= 0 && next < end && /[\s>/]/.test(xml[next + tag.length + 1] ?? '')) {
      open.lastIndex = next;
      continue;
    }
    entries.push(xml.slice(m.index, end + close.length));
    open.lastIndex = end + close.length;
  }
  return { header: xml.slice(0, first.index), entries, tag };
}

/**
 * Rebuilds a parseable feed from a broken one (`tryParse` returns true when a candidate document parses).
 * Every complete entry is tried together first (the common case: a cut-off download); when that fails,
 * the entries are halved until the broken ones are isolated, so a few bad entries among thousands cost a
 * few dozen parses. A work budget (characters parsed) bounds the worst case. Null when nothing is saved.
 */
export function salvageXml(xml: string, tryParse: (candidate: string) => boolean, budget = 8 * xml.length + 1_000_000): string | null {
  const parts = splitEntries(xml);
  if (!parts || parts.entries.length === 0) return null;
  const close = closers(openElements(parts.header));
  let spent = 0;
  const keep = (entries: string[]): string[] => {
    if (entries.length === 0) return [];
    const doc = parts.header + entries.join('\n') + close;
    spent += doc.length;
    if (spent > budget) return [];
    if (tryParse(doc)) return entries;
    if (entries.length === 1) return [];
    const mid = entries.length >> 1;
    return [...keep(entries.slice(0, mid)), ...keep(entries.slice(mid))];
  };
  const kept = keep(parts.entries);
  return kept.length ? parts.header + kept.join('\n') + close : null;
}

/** Cuts a truncated JSON Feed after its last complete item and closes it. */
export function salvageJson(text: string, maxTries = 20): unknown | null {
  let end = text.length;
  for (let tries = 0; tries < maxTries; tries++) {
    end = text.lastIndexOf('}', end - 1);
    if (end < 0) return null;
    for (const tail of [']}', '}]}']) {
      try {
        return JSON.parse(text.slice(0, end + 1) + tail);
      } catch {
        // try a shorter prefix
      }
    }
  }
  return null;
}
