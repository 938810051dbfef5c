// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import messages from '../../_locales/en/messages.json' with { type: 'json' };
import { stallingFetch, type StallingFetch } from '../../test/helpers/stalling-fetch.js';

let server: StallingFetch;

beforeEach(() => {
  server = stallingFetch();
  // api.ts picks its fetch when it loads: load it afresh after the stub.
  vi.resetModules();
  vi.stubGlobal('fetch', server.fetch);
  vi.stubGlobal('chrome', { i18n: { getMessage: (key: keyof typeof messages) => messages[key]?.message ?? '', getUILanguage: () => 'en' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.documentElement.querySelector('sc-layer')?.remove();
});

/** The dialog's elements inside the extension's layer. */
function dialogParts() {
  const layer = document.querySelector('sc-layer')!.shadowRoot!;
  return {
    dialog: layer.querySelector('[role="dialog"]'),
    form: layer.querySelector('form')!,
    title: layer.querySelector<HTMLInputElement>('input[type="text"]')!,
    submit: layer.querySelector<HTMLButtonElement>('button[type="submit"]')!,
    banner: layer.querySelector('.banner')!,
  };
}

describe('the Share Files dialog', () => {
  it('ends a request the server never answers with a message, no longer busy, everything typed kept', async () => {
    const { openShareDialog } = await import('./share-dialog.js');
    void openShareDialog({ assetIds: ['1', '2'] });
    const { form, title, submit, banner } = dialogParts();
    title.value = 'Harbour walk';
    form.requestSubmit();
    await vi.waitFor(() => expect(server.requests).toBe(1));
    expect(form.getAttribute('aria-busy')).toBe('true');
    expect(submit.disabled).toBe(true);

    server.timeOut();
    await vi.waitFor(() => expect(banner.textContent).toContain('did not answer'));
    expect(form.hasAttribute('aria-busy')).toBe(false);
    expect(submit.disabled).toBe(false);
    expect(dialogParts().dialog).not.toBeNull();
    expect(title.value).toBe('Harbour walk');
  });
});
