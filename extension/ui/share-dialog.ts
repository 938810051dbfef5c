/**
 * The `Share Files` dialog: creates a collection from selected files, or edits one (filled
 * in; an untouched password keeps the password). Validation issues, the client's or the
 * server's, appear next to their field and the form keeps everything typed.
 */
import type { CollectionJson } from '../../shared/api-types.js';
import type { FieldIssue } from '../../shared/errors.js';
import { ValidationError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/constants.js';
import { api, isApiError } from '../api.js';
import { t } from '../i18n.js';
import { buildCreateBody, buildUpdateBody, initialValues, type ShareFormValues, toDateInputValue } from '../share-request.js';
import { el } from './dom.js';
import { checkboxField, type Field, textField } from './form-fields.js';
import { focusFirst, openModal } from './modal.js';
import { describeError } from './notice.js';

export type ShareDialogOptions = { assetIds: readonly string[]; collection?: undefined } | { collection: CollectionJson; assetIds?: undefined };

/** Resolves with the saved collection, or undefined when cancelled or nothing changed. */
export function openShareDialog(options: ShareDialogOptions): Promise<CollectionJson | undefined> {
  return new Promise((resolve) => {
    let collection = options.collection;
    const modal = openModal({ title: t('shareFiles'), onCancel: () => finish(undefined) });
    const finish = (result: CollectionJson | undefined) => {
      modal.close();
      resolve(result);
    };

    const banner = el('div', { class: 'banner', role: 'alert' });
    const title = textField(t('title'), el('input', { type: 'text', required: true, 'aria-required': 'true', maxlength: String(LIMITS.titleMaxLength), autocomplete: 'off' }));
    const description = textField(t('description'), el('textarea', { maxlength: String(LIMITS.descriptionMaxLength) }));
    const isPublic = checkboxField(t('publicAccess'), true, t('publicAccessHint'));
    const toggle = el('button', { type: 'button', class: 'quiet', 'aria-pressed': 'false' }, t('showPassword'));
    const password = textField(t('password'), el('input', { type: 'password', autocomplete: 'new-password', maxlength: String(LIMITS.passwordMaxLength) }), { trailing: toggle });
    const removePassword = checkboxField(t('removePassword'), false);
    const expiry = textField(t('expirationDate'), el('input', { type: 'date', min: toDateInputValue(new Date()) }), { hint: t('expirationHint') });
    const allowDownload = checkboxField(t('allowDownload'), false);
    const submit = el('button', { type: 'submit', class: 'primary' }, collection ? t('save') : t('getLink'));
    const cancel = el('button', { type: 'button', onclick: () => finish(undefined) }, t('cancel'));
    const fields: Record<string, Field<HTMLInputElement | HTMLTextAreaElement>> = {
      title, description, isPublic, password, removePassword, expiresAt: expiry, allowDownload,
    };

    const fill = (values: ShareFormValues) => {
      title.control.value = values.title;
      description.control.value = values.description;
      isPublic.control.checked = values.isPublic;
      password.control.value = '';
      password.control.placeholder = collection?.hasPassword ? t('passwordKeepHint') : t('passwordFreeHint');
      removePassword.control.checked = false;
      removePassword.wrapper.hidden = !collection?.hasPassword;
      expiry.control.value = values.expiryDate;
      allowDownload.control.checked = values.allowDownload;
      syncPassword();
    };
    const read = (): ShareFormValues => ({
      title: title.control.value,
      description: description.control.value,
      isPublic: isPublic.control.checked,
      password: password.control.value,
      removePassword: removePassword.control.checked,
      expiryDate: expiry.control.value,
      allowDownload: allowDownload.control.checked,
    });
    // The password applies only to public links; removing it empties the field's meaning.
    const syncPassword = () => {
      password.control.disabled = !isPublic.control.checked || removePassword.control.checked;
      removePassword.control.disabled = !isPublic.control.checked;
    };
    const showIssues = (issues: readonly FieldIssue[], fallback: string) => {
      const general = issues.filter((issue) => !fields[issue.field]);
      for (const issue of issues) fields[issue.field]?.setError(issue.message);
      banner.textContent = general.map((issue) => issue.message).join(' ') || (issues.length === 0 ? fallback : '');
      const firstInvalid = issues.map((issue) => fields[issue.field]?.control).find(Boolean);
      firstInvalid?.focus();
    };
    const clearIssues = () => {
      for (const field of Object.values(fields)) field.setError('');
      banner.replaceChildren();
    };
    const offerReload = (id: number) => {
      const reload = el('button', { type: 'button', onclick: async () => {
        try {
          collection = await api.get(id, 1, 1);
          clearIssues();
          fill(initialValues(collection));
          title.control.focus();
        } catch (error) {
          banner.textContent = describeError(error);
        }
      } }, t('reload'));
      banner.replaceChildren(t('conflict'), ' ', reload);
    };

    isPublic.control.addEventListener('change', syncPassword);
    removePassword.control.addEventListener('change', syncPassword);
    toggle.addEventListener('click', () => {
      const show = password.control.type === 'password';
      password.control.type = show ? 'text' : 'password';
      toggle.setAttribute('aria-pressed', String(show));
      toggle.textContent = show ? t('hidePassword') : t('showPassword');
    });
    title.control.addEventListener('blur', () => title.setError(title.control.value.trim() === '' ? t('titleRequired') : ''));
    title.control.addEventListener('input', () => {
      if (title.control.value.trim() !== '') title.setError('');
    });

    const form = el('form', { novalidate: true }, banner, title.wrapper, description.wrapper, isPublic.wrapper, password.wrapper,
      removePassword.wrapper, expiry.wrapper, allowDownload.wrapper, el('div', { class: 'actions' }, cancel, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearIssues();
      try {
        const now = new Date();
        const values = read();
        let saved: CollectionJson | undefined;
        submit.disabled = true;
        form.setAttribute('aria-busy', 'true');
        if (collection) {
          const body = buildUpdateBody(values, collection, now);
          saved = body ? await api.update(collection.id, body) : undefined;
        } else {
          saved = await api.create(buildCreateBody(values, options.assetIds ?? [], now));
        }
        finish(saved);
      } catch (error) {
        if (isApiError(error) && error.status === 409 && collection) offerReload(collection.id);
        else if (error instanceof ValidationError || isApiError(error)) showIssues(error.issues, describeError(error));
        else showIssues([], describeError(error));
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });

    fill(initialValues(collection));
    modal.body.append(form);
    focusFirst(modal, title.control);
  });
}
