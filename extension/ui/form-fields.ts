/** Labelled form controls whose error message sits next to them and is tied by `aria-describedby`. */
import { el, uniqueId } from './dom.js';

export interface Field<T extends HTMLInputElement | HTMLTextAreaElement> {
  wrapper: HTMLElement;
  control: T;
  setError(message: string): void;
}

function describe<T extends HTMLInputElement | HTMLTextAreaElement>(wrapper: HTMLElement, control: T, error: HTMLElement, hint?: HTMLElement): Field<T> {
  control.setAttribute('aria-describedby', [error.id, hint?.id].filter(Boolean).join(' '));
  return {
    wrapper,
    control,
    setError(message) {
      error.textContent = message;
      control.setAttribute('aria-invalid', String(message !== ''));
    },
  };
}

/** A text-like field: label above, then the control (and optional trailing controls), hint, error. */
export function textField<T extends HTMLInputElement | HTMLTextAreaElement>(
  label: string,
  control: T,
  { hint, trailing }: { hint?: string; trailing?: HTMLElement } = {},
): Field<T> {
  control.id = uniqueId('field');
  const error = el('div', { class: 'error', id: uniqueId('error') });
  const hintElement = hint ? el('div', { class: 'hint', id: uniqueId('hint') }, hint) : undefined;
  const wrapper = el(
    'div',
    { class: 'field' },
    el('label', { for: control.id }, label),
    trailing ? el('div', { class: 'row' }, control, trailing) : control,
    hintElement,
    error,
  );
  return describe(wrapper, control, error, hintElement);
}

/** A checkbox with its label to the right, and a hint and error below. */
export function checkboxField(label: string, checked: boolean, hint?: string): Field<HTMLInputElement> {
  const control = el('input', { type: 'checkbox', id: uniqueId('check'), checked });
  const error = el('div', { class: 'error', id: uniqueId('error') });
  const hintElement = hint ? el('div', { class: 'hint', id: uniqueId('hint') }, hint) : undefined;
  const wrapper = el('div', { class: 'check-field' }, el('label', { class: 'check', for: control.id }, control, label), hintElement, error);
  return describe(wrapper, control, error, hintElement);
}
