import { html } from '@remix-run/html-template';
import { describe, expect, it } from 'vitest';
import { page } from './page.js';

describe('page', () => {
  it('escapes the title, the class and script addresses, and keeps the body markup as it is', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    const document = page({ title: name, bodyClass: `a" onload="x`, body: html`<p>${name}</p>`, scripts: ['/static/a.js?x="1"'] });
    expect(document).toContain('<title>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</title>');
    expect(document).toContain('<body class="a&quot; onload=&quot;x">');
    expect(document).toContain('<script src="/static/a.js?x=&quot;1&quot;" defer></script>');
    expect(document).toContain('<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>');
    expect(document).not.toContain('<img');
  });
});
