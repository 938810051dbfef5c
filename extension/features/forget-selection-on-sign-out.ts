/** Signing out forgets the selection, so the next person at this browser starts clean. */
import { features } from '../feature-manager.js';
import { isSignOutForm } from '../host-profile.js';
import { selection } from '../selection-store.js';

features.add('forget-selection-on-sign-out', ({ signal }) => {
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target instanceof HTMLFormElement && isSignOutForm(event.target)) selection.forget();
    },
    { capture: true, signal },
  );
});
