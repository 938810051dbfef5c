/**
 * The `Share Files` dialog, which creates a collection from selected files, and the `Edit
 * Shared Collection` dialog (filled in; an untouched password keeps the password). Both say
 * how many files they share. Validation issues, the client's or the server's, appear next to
 * their field and the form keeps everything typed.
 */
import type { CollectionJson } from '../../shared/api-types.js';
import { isValidationError } from '../../shared/error-guards.js';
import { api, isApiError } from '../api.js';
import { plural, t } from '../i18n.js';
import { buildCreateBody, buildUpdateBody, initialValues, type ShareFormValues } from '../share-request.js';
import { el } from './dom.js';
import { createFormIssues } from './form-issues.js';
import { focusFirst, type Modal, openModal } from './modal.js';
import { describeError } from './notice.js';
import { createShareFields } from './share-fields.js';

export type ShareDialogOptions = { assetIds: readonly string[]; collection?: undefined } | { collection: CollectionJson; assetIds?: undefined };

/** Resolves with the saved collection, or undefined when cancelled or nothing changed. */
export function openShareDialog(options: ShareDialogOptions): Promise<CollectionJson | undefined> {
  return new Promise((resolve) => {
    let target = options;
    const modal = openModal({ title: target.collection ? t('editSharedCollection') : t('shareFiles'), onCancel: () => finish(undefined) });
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
    const shares = describeDialog(modal, target.collection ? target.collection.assetCount : target.assetIds.length);

    const load = (collection?: CollectionJson) => fields.fill(initialValues(collection), collection?.hasPassword ?? false);
    const reload = async (id: number) => {
      const collection = await api.get(id, 1, 1);
      target = { collection };
      shares.textContent = plural('sharesFiles', collection.assetCount);
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
    modal.body.append(shares, form);
    focusFirst(modal, fields.title.control);
  });
}

/** `Shares 3 files` under the title; screen readers read it with the title, as the dialog's description. */
function describeDialog(modal: Modal, fileCount: number): HTMLElement {
  const description = el('p', { class: 'hint', id: `${modal.heading.id}-text` }, plural('sharesFiles', fileCount));
  modal.dialog.setAttribute('aria-describedby', description.id);
  return description;
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
