/** A body in the type a request asked for; Exchange converts between HTML and text on the way out. */
export function bodyAs(
  text: string,
  stored: 'HTML' | 'Text',
  wanted: 'Best' | 'HTML' | 'Text',
): { type: 'HTML' | 'Text'; text: string } {
  if (wanted === 'Best' || wanted === stored) return { type: stored, text };
  if (wanted === 'HTML') {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      type: 'HTML',
      text: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${escaped.replace(/\r?\n/g, '<br>')}</body></html>`,
    };
  }
  const plain = text
    .replace(/<(br|\/p|\/div)\s*\/?>/gi, '\n')
    .replace(/<head[\s\S]*?<\/head>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { type: 'Text', text: plain.trim() };
}
