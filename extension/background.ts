/**
 * The background worker keeps run-time content scripts in step with host permissions: a
 * permission revoked from the browser's extension settings must not leave a script
 * registered for an origin it can no longer reach.
 */
import browser from 'webextension-polyfill';
import { pruneRevokedOrigins } from './content-script-registry.js';

const prune = () => pruneRevokedOrigins().catch((error: unknown) => console.error('Shared Collections:', error));

browser.permissions.onRemoved.addListener(prune);
browser.runtime.onInstalled.addListener(prune);
browser.runtime.onStartup.addListener(prune);
