import { describe, expect, it } from 'vitest';
import { escapeHtml, html, linkify, multiline } from './html.js';

describe('html', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const name = '<script>alert(1)</script>';
    const title = '" onmouseover="alert(1)';
    const out = html`<a title="${title}">${name}</a>`.toString();
    expect(out).toBe('<a title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</a>');
  });

  it('cannot be broken out of single-quoted attributes or with backticks', () => {
    expect(html`<img alt='${"x' onerror='alert(1)"}'>`.toString()).toBe("<img alt='x&#39; onerror=&#39;alert(1)'>");
    expect(escapeHtml('`${x}`')).toBe('&#96;${x}&#96;');
  });

  it('keeps nested fragments and joins arrays, escaping their items', () => {
    const items = ['a&b', '<i>'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul>');
  });

  it('renders numbers, and nothing for null, undefined and false', () => {
    expect(html`${1}|${null}|${undefined}|${false}|${0}`.toString()).toBe('1||||0');
  });

  it('does not trust look-alike objects', () => {
    const fake = { toString: () => '<b>' } as unknown as string;
    expect(html`${fake}`.toString()).toBe('&lt;b&gt;');
  });

  it('keeps line breaks of multi-line text as <br>, escaped', () => {
    expect(multiline('one <b>\r\ntwo\nthree').toString()).toBe('one &lt;b&gt;<br>two<br>three');
  });

  it('links web addresses in text, escaped, without referrer, opener or endorsement', () => {
    const out = linkify('See https://example.com/a?b=1&c=<2>. Or "javascript:alert(1)" and http://x.test/"onmouseover="x').toString();
    expect(out).toBe(
      'See <a href="https://example.com/a?b=1&amp;c=" rel="noopener noreferrer nofollow">https://example.com/a?b=1&amp;c=</a>&lt;2&gt;. ' +
        'Or &quot;javascript:alert(1)&quot; and <a href="http://x.test/" rel="noopener noreferrer nofollow">http://x.test/</a>&quot;onmouseover=&quot;x',
    );
    expect(multiline('a\nhttps://b.test', { links: true }).toString()).toBe('a<br><a href="https://b.test" rel="noopener noreferrer nofollow">https://b.test</a>');
  });
});
