/**
 * Checks the session once the catalog page has loaded: a signed-out page or an expired
 * session gets a message asking to sign in again, instead of actions that fail one by one.
 * Nothing waits for the answer (actions are offered by the role the page names), so the
 * check waits for the page's `load` and an idle moment: a content script's first request
 * holds the main thread for milliseconds, which the page's own loading should not pay.
 */
import { features } from '../feature-manager.js';
import { isApiError } from '../api.js';
import { getSession } from '../session.js';
import { showError } from '../ui/notice.js';

/** The longest the check waits for an idle moment once the page has loaded. */
const IDLE_TIMEOUT_MILLISECONDS = 1000;

function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => addEventListener('load', () => resolve(), { once: true }));
}

features.add('session-status', async ({ signal }) => {
  await pageLoaded();
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MILLISECONDS }));
  if (signal.aborted) return;
  try {
    await getSession();
  } catch (error) {
    // A 404 means the plugin is not mounted on this host: nothing to offer, nothing to say.
    if (!(isApiError(error) && error.status === 404)) showError(error);
  }
});
