/**
 * The `Share Files` dialog: creates a collection from selected files, or edits one (filled
 * in; an untouched password keeps the password). Validation issues, the client's or the
 * server's, appear next to their field and the form keeps everything typed.
 */
import type { CollectionJson } from '../../shared/api-types.js';
import { isValidationError } from '../../shared/error-guards.js';
import { api, isApiError } from '../api.js';
import { t } from '../i18n.js';
import { buildCreateBody, buildUpdateBody, initialValues, type ShareFormValues } from '../share-request.js';
import { el } from './dom.js';
import { createFormIssues } from './form-issues.js';
import { focusFirst, openModal } from './modal.js';
import { describeError } from './notice.js';
import { createShareFields } from './share-fields.js';

export type ShareDialogOptions = { assetIds: readonly string[]; collection?: undefined } | { collection: CollectionJson; assetIds?: undefined };

/** Resolves with the saved collection, or undefined when cancelled or nothing changed. */
export function openShareDialog(options: ShareDialogOptions): Promise<CollectionJson | undefined> {
  return new Promise((resolve) => {
    let target = options;
    const modal = openModal({ title: t('shareFiles'), onCancel: () => finish(undefined) });
    const finish = (result: CollectionJson | undefined) => {
      modal.close();
      resolve(result);
    };

    const fields = createShareFields();
    const banner = el('div', { class: 'banner', role: 'alert' });
    const issues = createFormIssues(banner, fields.byName);
    const submit = el('button', { type: 'submit', class: 'primary' }, target.collection ? t('save') : t('getLink'));
    const cancel = el('button', { type: 'button', onclick: () => finish(undefined) }, t('cancel'));
    const form = el('form', { novalidate: true }, banner, ...fields.wrappers, el('div', { class: 'actions' }, cancel, submit));

    const load = (collection?: CollectionJson) => fields.fill(initialValues(collection), collection?.hasPassword ?? false);
    const reload = async (id: number) => {
      const collection = await api.get(id, 1, 1);
      target = { collection };
      issues.clear();
      load(collection);
      fields.title.control.focus();
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      issues.clear();
      try {
        finish(await whileBusy(form, submit, () => save(fields.read(), target)));
      } catch (error) {
        if (isApiError(error) && error.status === 409 && target.collection) offerReload(banner, target.collection.id, reload);
        else issues.show(isValidationError(error) || isApiError(error) ? error.issues : [], describeError(error));
      }
    });

    load(target.collection);
    modal.body.append(form);
    focusFirst(modal, fields.title.control);
  });
}

/** Creates the collection, or saves only what changed; undefined when nothing did. */
async function save(values: ShareFormValues, target: ShareDialogOptions): Promise<CollectionJson | undefined> {
  const now = new Date();
  if (!target.collection) return api.create(buildCreateBody(values, target.assetIds, now));
  const body = buildUpdateBody(values, target.collection, now);
  return body ? api.update(target.collection.id, body) : undefined;
}

/** Marks the form busy while `work` runs, so it is not sent twice; always ends busy, even on failure. */
async function whileBusy<T>(form: HTMLFormElement, submit: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** Someone else saved the collection meanwhile: `Reload` fills in their version, the dialog stays open. */
function offerReload(banner: HTMLElement, id: number, reload: (id: number) => Promise<void>): void {
  const button = el('button', { type: 'button', onclick: () => reload(id).catch((error: unknown) => (banner.textContent = describeError(error))) }, t('reload'));
  banner.replaceChildren(t('conflict'), ' ', button);
}
