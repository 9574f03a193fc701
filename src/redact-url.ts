/**
 * Passwords out of URLs and text that may hold URLs: used by every part that shows a
 * URL (config, engines, sources, the CLI), so it depends on nothing.
 */
export const redactedMark = '***';

/**
 * The URL with any password replaced. Works on text rather than `new URL` so a malformed URL
 * (the very case an error message shows) is still redacted, and a well-formed one keeps its
 * spelling. When unsure where the user-info ends it redacts too much, never too little.
 */
export function redactUrl(url: string): string {
  // The // is optional: a mistyped postgres:user:pw@host must be redacted too.
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url);
  let redacted = url;
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    // A password may hold an unencoded @ or /: the last @ is the one that ends the user-info.
    const at = rest.lastIndexOf('@');
    const colon = rest.indexOf(':');
    if (at > 0 && colon >= 0 && colon < at) {
      redacted = `${scheme[0]}${rest.slice(0, colon)}:${redactedMark}${rest.slice(at)}`;
    }
  }
  return redacted.replace(/([?&]password=)[^&#]*/gi, `$1${redactedMark}`);
}

/**
 * Free text (an error message, a stack) with every URL in it redacted by `redactUrl`. A URL
 * here runs from its scheme to the next space, quote or angle bracket: a password is
 * percent-encoded inside a valid URL, so it holds none of those.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi, (url) => redactUrl(url));
}
