/**
 * Checks the session once when the catalog page opens: a signed-out page or an expired
 * session gets a message asking to sign in again, instead of actions that fail one by one.
 */
import { features } from '../feature-manager.js';
import { isApiError } from '../api.js';
import { getSession } from '../session.js';
import { showError } from '../ui/notice.js';

features.add('session-status', async () => {
  try {
    await getSession();
  } catch (error) {
    // A 404 means the plugin is not mounted on this host: nothing to offer, nothing to say.
    if (!(isApiError(error) && error.status === 404)) showError(error);
  }
});
