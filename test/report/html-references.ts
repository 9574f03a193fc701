/**
 * What in an HTML page would make a browser load something: src and href
 * attributes not pointing inside the page, CSS url() and @import, <link> and
 * external <script>. Used to prove the report opens offline.
 */
export function externalReferences(html: string): string[] {
  const patterns = [
    /\b(?:src|href|xlink:href|srcset|poster|data)\s*=\s*["']?(?!#)[^"'\s>]+/gi,
    /url\(\s*["']?(?!#)[^)]*\)/gi,
    /@import\b[^;]*/gi,
    /<link\b[^>]*>/gi,
    /<script\b[^>]*\bsrc\b[^>]*>/gi,
    /<(?:iframe|object|embed|img|image|video|audio)\b[^>]*>/gi,
  ];
  return patterns.flatMap((pattern) => html.match(pattern) ?? []);
}
