/**
 * A modal dialog in the extension's layer: labelled by its heading, focus moved in and
 * trapped (Tab and Shift+Tab cycle), Esc cancels, and focus returns to where it was.
 */
import { el, uniqueId } from './dom.js';
import { deepActiveElement, getLayer } from './layer.js';

export interface ModalOptions {
  title: string;
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
  /** Esc calls this; defaults to closing. A click on the backdrop does nothing, so no typing is lost. */
  onCancel?: () => void;
}

export interface Modal {
  dialog: HTMLElement;
  /** Where the content goes, after the heading. */
  body: HTMLElement;
  heading: HTMLElement;
  close(): void;
}

const FOCUSABLE = 'button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])';

export function openModal({ title, role = 'dialog', wide = false, onCancel }: ModalOptions): Modal {
  const returnFocus = deepActiveElement();
  const headingId = uniqueId('heading');
  const heading = el('h2', { id: headingId }, title);
  const body = el('div');
  const dialog = el('div', { class: wide ? 'dialog wide' : 'dialog', role, 'aria-modal': 'true', 'aria-labelledby': headingId }, heading, body);
  const backdrop = el('div', { class: 'backdrop' }, dialog);

  // On the document, so Esc and Tab work even when focus fell out of the dialog (a removed
  // button, a click on the backdrop); only the top-most modal answers.
  const onKeydown = (event: KeyboardEvent) => {
    if ([...getLayer().querySelectorAll('.backdrop')].at(-1) !== backdrop) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Tab') {
      trapTab(dialog, event);
    }
  };
  const close = () => {
    document.removeEventListener('keydown', onKeydown);
    backdrop.remove();
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
  };
  const cancel = () => (onCancel ?? close)();

  // Bubble phase: a menu inside the dialog handles its own Esc first and stops it.
  document.addEventListener('keydown', onKeydown);
  backdrop.addEventListener('mousedown', (event) => {
    if (event.target === backdrop) event.preventDefault();
  });
  getLayer().append(backdrop);
  return { dialog, body, heading, close };
}

/** Focuses the first field, or the dialog's first control; call once the content is in. */
export function focusFirst(modal: Modal, preferred?: HTMLElement | null): void {
  const target = preferred ?? focusables(modal.dialog)[0];
  target?.focus();
}

function focusables(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.hasAttribute('disabled') && element.getClientRects().length > 0,
  );
}

function trapTab(dialog: HTMLElement, event: KeyboardEvent): void {
  const items = focusables(dialog);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
