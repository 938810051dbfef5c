/**
 * The options page: where an administrator adds their DAM's origin and removes it again. In
 * the development build the demo origins work without this; a store build has no built-in
 * origin, so a DAM on 127.0.0.1 or localhost is added here like any other.
 */
import browser from 'webextension-polyfill';
import { addDamOrigin, listDamOrigins, type RegisteredOrigin, removeDamOrigin } from './content-script-registry.js';
import { t, uiLanguage } from './i18n.js';
import { builtInPatterns, parseDamOrigin } from './origins.js';
import { el } from './ui/dom.js';

const builtIn = builtInPatterns(browser.runtime.getManifest());

const input = el('input', { type: 'text', id: 'origin', placeholder: 'https://dam.example.com', autocomplete: 'url', 'aria-describedby': 'origin-hint' });
const status = el('p', { class: 'status', role: 'status' });
const list = el('ul', { 'aria-label': t('optionsAddedOrigins') });

function say(message: string, isError = false): void {
  status.textContent = message;
  status.className = isError ? 'status error' : 'status';
}

async function renderList(): Promise<void> {
  const origins = await listDamOrigins();
  list.replaceChildren(...origins.map(renderOrigin));
  if (origins.length === 0) list.append(el('li', { class: 'hint' }, t('optionsNoOrigins')));
}

function renderOrigin(registered: RegisteredOrigin): HTMLElement {
  const remove = async () => {
    await removeDamOrigin(registered);
    say(t('optionsRemoved', registered.origin));
    await renderList();
  };
  return el('li', {}, el('span', {}, registered.origin), el('button', { type: 'button', 'aria-label': t('optionsRemoveOrigin', registered.origin), onclick: () => void remove().catch((error: Error) => say(error.message, true)) }, t('optionsRemove')));
}

const form = el(
  'form',
  {},
  el('label', { for: 'origin' }, t('optionsOriginLabel')),
  el('div', { class: 'row' }, input, el('button', { type: 'submit', class: 'primary' }, t('optionsAdd'))),
  el('p', { class: 'hint', id: 'origin-hint' }, t('optionsOriginHint')),
);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  let dam;
  try {
    dam = parseDamOrigin(input.value);
  } catch (error) {
    say((error as Error).message, true);
    input.focus();
    return;
  }
  if (builtIn.includes(dam.pattern)) {
    say(t('optionsAlreadyBuiltIn', dam.origin));
    return;
  }
  // No await before this call: the permission prompt needs the click's user gesture.
  addDamOrigin(dam)
    .then(async (added) => {
      say(added ? t('optionsAdded', dam.origin) : t('optionsDeclined'), !added);
      if (added) input.value = '';
      await renderList();
    })
    .catch((error: Error) => say(error.message, true));
});

document.documentElement.lang = uiLanguage();
document.title = t('extensionName');
document.getElementById('app')?.append(
  el('h1', {}, t('extensionName')),
  el('p', {}, t('optionsIntro')),
  ...(builtIn.length > 0 ? [el('p', { class: 'hint' }, t('optionsBuiltIn'))] : []),
  el('h2', {}, t('optionsAddHeading')),
  form,
  status,
  el('h2', {}, t('optionsAddedOrigins')),
  list,
);
void renderList();
