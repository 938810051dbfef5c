/**
 * The public pages in the reader's language (Accept-Language: English, German, French,
 * Japanese): the lang attribute, words, numbers, sizes and dates formatted for it, on the
 * gallery, the password, expired and not-found pages and a selection's ZIP name; one link's
 * page cached per language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { addPngAssets, startPublicHarness, type PublicHarness } from './public-harness.js';

describe.each(TEST_ENGINES)('public pages in four languages on %s', (engine) => {
  let h: PublicHarness;
  const get = (path: string, language?: string) => fetch(`${h.baseUrl}${path}`, { headers: language ? { 'accept-language': language } : {} });
  const text = async (path: string, language?: string) => (await get(path, language)).text();

  beforeEach(async () => {
    h = await startPublicHarness(engine);
    await addPngAssets(h.assets, ['a.png', 'b.png']);
  });
  afterEach(() => h.close());

  it('renders the gallery in the reader\'s language, numbers, sizes and dates included, and caches each language apart', async () => {
    // Sizes with a decimal separator (the page only states them; no file is read).
    for (const id of ['a1', 'a2']) h.assets.set(id, { ...h.assets.get(id)!, meta: { ...h.assets.get(id)!.meta, size: 617_283_945 } });
    const { token } = await h.share({ assetIds: ['a1', 'a2'], ownerName: 'Ann', expiresAt: new Date('2026-12-31T22:59:59.999Z') });
    const german = await text(`/s/${token}`, 'de-CH,de;q=0.9,en;q=0.8');
    expect(german).toContain('<html lang="de">');
    expect(german).toContain('Geteilt von Ann');
    expect(german).toContain('<span>2 Dateien · 1,2\u00a0GB</span>');
    expect(german).toContain('Noch 34 Tage verfügbar (bis <time datetime="2026-12-31T22:59:59.999Z">31. Dezember 2026 um 22:59 UTC</time>)');
    expect(german).toContain('>Alle herunterladen (1,2\u00a0GB)</a>');
    expect(german).toContain('aria-label="a.png auswählen"');
    expect(german).toContain('&quot;close&quot;:&quot;Schließen&quot;');

    const french = await text(`/s/${token}`, 'fr-FR');
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('<span>2 fichiers · 1,2\u202fGo</span>');
    expect(french).toContain('Disponible encore 34 jours (jusqu’au <time datetime="2026-12-31T22:59:59.999Z">31 décembre 2026 à 22:59 UTC</time>)');
    expect(french).toContain('>Tout télécharger (1,2\u202fGo)</a>');

    const japanese = await text(`/s/${token}`, 'ja');
    expect(japanese).toContain('<html lang="ja">');
    expect(japanese).toContain('<span>2 個のファイル · 1.2 GB</span>');
    expect(japanese).toContain('あと 34 日間利用できます (<time datetime="2026-12-31T22:59:59.999Z">2026年12月31日 22:59 UTC</time> まで)');

    for (const language of [undefined, 'zz', 'en-GB']) {
      const english = await text(`/s/${token}`, language);
      expect(english, language).toContain('<html lang="en">');
      expect(english, language).toContain('<span>2 files · 1.2 GB</span>');
    }
  });

  it('words the password, expired and not-found pages for the reader, and the expiry only once', async () => {
    const { token } = await h.share({ assetIds: ['a1'], password: 'pw' });
    const locked = await text(`/s/${token}`, 'de');
    expect(locked).toContain('<h1>Passwort erforderlich</h1>');
    expect(locked).toContain('<label for="password">Passwort</label>');
    const wrong = await fetch(`${h.baseUrl}/s/${token}/unlock`, {
      method: 'POST',
      headers: { 'accept-language': 'fr', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'password=nope',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('<p class="alert" role="alert">Mot de passe incorrect</p>');

    const { token: expiring } = await h.share({ assetIds: ['a1'], expiresAt: new Date(h.clock.now.getTime() + 1000) });
    h.clock.advance(2);
    for (const [language, heading] of [['en', 'This link has expired'], ['ja', 'このリンクは期限切れです']] as const) {
      const expired = await get(`/s/${expiring}`, language);
      expect(expired.status).toBe(410);
      const page = await expired.text();
      expect(page).toContain(`<html lang="${language}">`);
      expect(page.split(heading.replace(/\.$/, ''))).toHaveLength(3); // the <title> and the <h1>, never a third time
    }
    const missing = await text('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'fr');
    expect(missing).toContain('<h1>Lien introuvable</h1>');
  });

  it('names a selection\'s ZIP in the reader\'s language', async () => {
    const { token } = await h.share({ assetIds: ['a1', 'a2'], title: 'Reise' });
    const response = await get(`/s/${token}/download?assets=a1,a2`, 'de');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Reise (2 Dateien).zip"`);
    await response.body?.cancel();
  });
});
