/**
 * The Share Files form's fields, in the guide's order, each with the behaviour it has on its
 * own (the title's required message, the password's show/hide and its dependence on public
 * access); `fill` and `read` move `ShareFormValues` in and out.
 */
import { LIMITS } from '../../shared/constants.js';
import { t } from '../i18n.js';
import { type ShareFormValues, toDateInputValue } from '../share-request.js';
import { el } from './dom.js';
import { checkboxField, type Field, textField } from './form-fields.js';

export interface ShareFields {
  /** Keyed by the API's field names, so the server's issues find their field. */
  byName: Record<string, Field<HTMLInputElement | HTMLTextAreaElement>>;
  title: Field<HTMLInputElement>;
  /** The fields' wrappers, in display order. */
  wrappers: HTMLElement[];
  /** `hasPassword`: the collection being edited has one, so an empty field keeps it. */
  fill(values: ShareFormValues, hasPassword: boolean): void;
  read(): ShareFormValues;
}

export function createShareFields(): ShareFields {
  const title = titleField();
  const description = textField(t('description'), el('textarea', { maxlength: String(LIMITS.descriptionMaxLength) }));
  const isPublic = checkboxField(t('publicAccess'), true, t('publicAccessHint'));
  const password = passwordField();
  const removePassword = checkboxField(t('removePassword'), false);
  const expiresAt = textField(t('expirationDate'), el('input', { type: 'date', min: toDateInputValue(new Date()) }), { hint: t('expirationHint') });
  const allowDownload = checkboxField(t('allowDownload'), false);
  const byName = { title, description, isPublic, password, removePassword, expiresAt, allowDownload };

  // The password applies only to public links; removing it empties the field's meaning.
  const syncPassword = () => {
    password.control.disabled = !isPublic.control.checked || removePassword.control.checked;
    removePassword.control.disabled = !isPublic.control.checked;
  };
  isPublic.control.addEventListener('change', syncPassword);
  removePassword.control.addEventListener('change', syncPassword);

  return {
    byName,
    title,
    wrappers: Object.values(byName).map((field) => field.wrapper),
    fill(values, hasPassword) {
      title.control.value = values.title;
      description.control.value = values.description;
      isPublic.control.checked = values.isPublic;
      password.control.value = '';
      password.control.placeholder = hasPassword ? t('passwordKeepHint') : t('passwordFreeHint');
      removePassword.control.checked = false;
      removePassword.wrapper.hidden = !hasPassword;
      expiresAt.control.value = values.expiryDate;
      allowDownload.control.checked = values.allowDownload;
      syncPassword();
    },
    read: () => ({
      title: title.control.value,
      description: description.control.value,
      isPublic: isPublic.control.checked,
      password: password.control.value,
      removePassword: removePassword.control.checked,
      expiryDate: expiresAt.control.value,
      allowDownload: allowDownload.control.checked,
    }),
  };
}

/** Says "Title is required" when the field is left empty, and stops saying it once typed in. */
function titleField(): Field<HTMLInputElement> {
  const title = textField(t('title'), el('input', { type: 'text', required: true, 'aria-required': 'true', maxlength: String(LIMITS.titleMaxLength), autocomplete: 'off' }));
  title.control.addEventListener('blur', () => title.setError(title.control.value.trim() === '' ? t('titleRequired') : ''));
  title.control.addEventListener('input', () => {
    if (title.control.value.trim() !== '') title.setError('');
  });
  return title;
}

/** The password with a `Show password` toggle beside it. */
function passwordField(): Field<HTMLInputElement> {
  const toggle = el('button', { type: 'button', class: 'quiet', 'aria-pressed': 'false' }, t('showPassword'));
  const password = textField(t('password'), el('input', { type: 'password', autocomplete: 'new-password', maxlength: String(LIMITS.passwordMaxLength) }), { trailing: toggle });
  toggle.addEventListener('click', () => {
    const show = password.control.type === 'password';
    password.control.type = show ? 'text' : 'password';
    toggle.setAttribute('aria-pressed', String(show));
    toggle.textContent = show ? t('hidePassword') : t('showPassword');
  });
  return password;
}
