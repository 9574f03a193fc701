/**
 * What in a piece of markup (the report page, or one chart's SVG) would make a
 * browser load something from outside it. It reads the markup itself — element
 * names, attributes, and the text of <style> elements — and never the escaped text
 * between tags: a song titled "Curl(ed) Up" or `src="x"` is data, shown as text, and
 * loads nothing. The report's own markup always quotes attribute values and escapes
 * `<` in text, so a tag starts at every `<` outside a comment.
 */

export interface MarkupTag {
  /** Lower-cased element name. */
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/** Elements that fetch or embed something whatever their attributes say. */
const fetchingElements = new Set(['image', 'img', 'foreignobject', 'script', 'iframe', 'object', 'embed', 'link', 'video', 'audio', 'source', 'track']);

/** Attributes whose value is a URL: only a reference inside the document (`#id`) is allowed. */
const urlAttributes = new Set(['href', 'xlink:href', 'src', 'srcset', 'poster', 'data', 'action', 'formaction', 'background', 'manifest']);

/** `url(` not followed by `#…`, and `@import`, in CSS text. */
const externalCss = /url\(\s*(?!['"]?#)|@import\b/i;

const tagPattern = /<!--[\s\S]*?-->|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>|<\/[a-zA-Z][\w:-]*\s*>/g;
const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Every start tag in `markup`, with its attributes (entity-decoded enough to read URLs). */
export function startTags(markup: string): MarkupTag[] {
  const tags: MarkupTag[] = [];
  for (const match of markup.matchAll(tagPattern)) {
    const name = match[1];
    if (!name) continue;
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(attributePattern)) {
      const key = attribute[1]?.toLowerCase();
      if (key) attributes.set(key, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    tags.push({ name: name.toLowerCase(), attributes });
  }
  return tags;
}

/** The CSS inside each <style> element. */
function styleSheets(markup: string): string[] {
  return [...markup.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((match) => match[1] ?? '');
}

/** Descriptions of each reference to something outside the markup; empty when self-contained. */
export function externalReferences(markup: string): string[] {
  const found: string[] = [];
  for (const tag of startTags(markup)) {
    if (fetchingElements.has(tag.name)) found.push(`<${tag.name}> element`);
    for (const [key, value] of tag.attributes) {
      // aria-* and title hold text for people (the chart's description, data labels).
      if (key.startsWith('aria-') || key === 'title' || key === 'alt') continue;
      if (urlAttributes.has(key) && !value.trim().startsWith('#')) found.push(`${key}="${value}" on <${tag.name}>`);
      else if (externalCss.test(value)) found.push(`${key}="${value}" on <${tag.name}>`);
      if (key === 'http-equiv' && value.toLowerCase() === 'refresh') found.push(`<meta http-equiv="refresh">`);
    }
  }
  for (const css of styleSheets(markup)) {
    const match = externalCss.exec(css);
    if (match) found.push(`${match[0]} in a <style> element`);
  }
  return found;
}

function decodeEntities(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec: string, hex: string, name: string) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });
}
