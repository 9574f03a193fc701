/** Strings that break naive escaping (COPY text, URLs, SQL literals), for round-trip tests. */
export const nastyStrings: readonly string[] = [
  '"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  'back\\slash and \\N and \\t literally',
  'tab\there',
  'new\nline and\r\ncrlf',
  'trailing backslash \\',
  `quotes ' " and ''`,
  'unicode: Beyoncé, Motörhead, 東京, emoji 🎧, RTL ‏שלום',
  '\\.',
  '',
  ' ',
];
