/**
 * Repairs double-encoded UTF-8 ("mojibake") for display. The public event logs say
 * `BjÃÂ¶rk` where the artist is Björk: the name's UTF-8 bytes were read as Latin-1
 * (or Windows-1252) and encoded to UTF-8 again, twice. Reading the text's characters
 * back as those bytes and decoding them as UTF-8 undoes one round; this repeats
 * while it applies.
 *
 * It changes text only when every character maps to one byte and those bytes are
 * valid UTF-8 holding at least one multi-byte sequence, which ordinary text almost
 * never is: "café" as Latin-1 bytes ends in a lone 0xE9, not valid UTF-8; "Björk" or
 * "東京" are left as they are. The warehouse keeps the text as it came (SPEC.md); only
 * the report shows the repaired form.
 */

/** Windows-1252's characters for bytes 0x80-0x9F, which Latin-1 leaves as C1 controls. */
const windows1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const byteOfCp1252 = new Map([...windows1252].map((char, index) => [char, 0x80 + index]));

/** More rounds than any data seen needs; each round shortens the text, so this also bounds the work. */
const MAX_ROUNDS = 4;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `text` with double-encoded UTF-8 undone, or `text` itself when it is not mojibake. */
export function repairMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = undoOneRound(current);
    if (next === undefined) break;
    current = next;
  }
  return current;
}

/** Whether `repairMojibake` would change `text`. */
export function isMojibake(text: string): boolean {
  return undoOneRound(text) !== undefined;
}

/** Null-safe form for values from the warehouse. */
export function readable(text: string | null): string | null {
  return text === null ? null : repairMojibake(text);
}

function undoOneRound(text: string): string | undefined {
  // Pure ASCII is never mojibake; most names stop here.
  if (!/[^\p{ASCII}]/u.test(text)) return undefined;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const byte = code <= 0xff ? code : byteOfCp1252.get(text.charAt(i));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  let decoded: string;
  try {
    decoded = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  return decoded === text ? undefined : decoded;
}
