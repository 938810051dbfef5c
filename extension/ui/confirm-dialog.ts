/** A yes/no question in an alert dialog; resolves true only for the confirming button. */
import { t } from '../i18n.js';
import { el } from './dom.js';
import { focusFirst, openModal } from './modal.js';

export function confirmDialog({ title, message, confirm }: { title: string; message: string; confirm: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const modal = openModal({ title, role: 'alertdialog', onCancel: () => answer(false) });
    const answer = (value: boolean) => {
      modal.close();
      resolve(value);
    };
    const description = el('p', { id: `${modal.heading.id}-text` }, message);
    modal.dialog.setAttribute('aria-describedby', description.id);
    const cancel = el('button', { type: 'button', onclick: () => answer(false) }, t('cancel'));
    modal.body.append(
      description,
      el('div', { class: 'actions' }, cancel, el('button', { type: 'button', class: 'danger', onclick: () => answer(true) }, confirm)),
    );
    // The safe choice has focus, so Enter never deletes by accident.
    focusFirst(modal, cancel);
  });
}
