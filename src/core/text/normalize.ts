/**
 * The words of a heading or label, for matching: emoji, punctuation, case and spacing
 * ignored, so `## 📊 Timeline (UTC)` and `## timeline utc` are the same section.
 */
export function wordsKey(text: string): string {
  return asciiWordsKey(text) ?? unicodeWordsKey(text);
}

function unicodeWordsKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The same key for a text that is all ASCII, in one pass (most headings, labels and cells
 * are): letters lower-cased, every run of other characters one space, none at the ends.
 * Undefined as soon as a character is not ASCII.
 */
function asciiWordsKey(text: string): string | undefined {
  let out = '';
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    if (c >= 0x41 && c <= 0x5a) c += 0x20; // A-Z
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (gap && out !== '') out += ' ';
      gap = false;
      out += String.fromCharCode(c);
    } else gap = true;
  }
  return out;
}

/** Removes a leading emoji/pictograph and the spaces after it ("🔴 Critical" -> "Critical"). */
export function stripLeadingEmoji(text: string): string {
  return text.replace(/^(?:[\p{Extended_Pictographic}\p{Emoji_Component}\uFE0F\u200D\s])+/u, (m) => (/[#*0-9]/.test(m) ? m : '')).trim();
}
