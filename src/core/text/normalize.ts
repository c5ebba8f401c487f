/**
 * The words of a heading or label, for matching: emoji, punctuation, case and spacing
 * ignored, so `## 📊 Timeline (UTC)` and `## timeline utc` are the same section.
 */
export function wordsKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Removes a leading emoji/pictograph and the spaces after it ("🔴 Critical" -> "Critical"). */
export function stripLeadingEmoji(text: string): string {
  return text.replace(/^(?:[\p{Extended_Pictographic}\p{Emoji_Component}\uFE0F\u200D\s])+/u, (m) => (/[#*0-9]/.test(m) ? m : '')).trim();
}
