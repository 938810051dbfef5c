/**
 * Checks the session once the catalog page has opened: a signed-out page or an expired
 * session gets a message asking to sign in again, instead of actions that fail one by one.
 * It waits for the page to be idle: nothing else needs the answer (actions are offered by
 * the role the page names), and the request would hold up the host's own rendering.
 */
import { features } from '../feature-manager.js';
import { isApiError } from '../api.js';
import { getSession } from '../session.js';
import { showError } from '../ui/notice.js';

/** The longest the check waits for an idle moment. */
const IDLE_TIMEOUT_MILLISECONDS = 2000;

features.add('session-status', async () => {
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MILLISECONDS }));
  try {
    await getSession();
  } catch (error) {
    // A 404 means the plugin is not mounted on this host: nothing to offer, nothing to say.
    if (!(isApiError(error) && error.status === 404)) showError(error);
  }
});
