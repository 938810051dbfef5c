import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text, arrays included, and keeps nested html as is', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${name}">${[name, html`<b>${name}</b>`]}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">' +
        '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;<b>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</b></p>',
    );
    expect(html`${null}${undefined}${0}`.value).toBe('0');
  });
});
