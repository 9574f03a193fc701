/**
 * The model's own UTF-8 decoder (RFC 3629): bytes -> code points, with `INVALID` where
 * a byte sequence is not UTF-8 (overlong forms, surrogates, past U+10FFFF, truncated).
 * SPEC.md: invalid UTF-8 makes the text not valid JSON, so the JSON reader rejects
 * any `INVALID` it meets, inside a string or out.
 */
export const INVALID = -1;

export function decodeUtf8(bytes: Uint8Array): Int32Array {
  // Typed, so a line of tens of megabytes costs 4 bytes a character, not a JS array's 8+.
  const out = new Int32Array(bytes.length);
  let n = 0;
  const push = (cp: number) => (out[n++] = cp);
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      push(b0);
      i += 1;
      continue;
    }
    const [length, min] = b0 >= 0xf0 && b0 <= 0xf4 ? [4, 0x10000] : b0 >= 0xe0 && b0 <= 0xef ? [3, 0x800] : b0 >= 0xc2 && b0 <= 0xdf ? [2, 0x80] : [0, 0];
    if (length === 0) {
      push(INVALID);
      i += 1;
      continue;
    }
    let cp = b0 & (0xff >> (length + 1));
    let ok = i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) {
      const b = bytes[i + k] as number;
      if ((b & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (b & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      push(INVALID);
      i += 1;
      continue;
    }
    push(cp);
    i += length;
  }
  return out.subarray(0, n);
}
