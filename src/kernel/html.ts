/**
 * Text made safe to stand in HTML or XML, in an element or a quoted attribute:
 * the one escaping of the pages' mails, the HTML report, its SVG charts and
 * the archive's METS manifest, so nothing a user wrote can become markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
