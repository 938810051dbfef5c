/**
 * The content script: a list of features, started only on the host's catalog page (the
 * extension's origins also serve login and public pages, which it leaves alone), and only
 * once per page even when a run-time registration overlaps the manifest's.
 */
import { features } from './feature-manager.js';
import { isCatalogPage } from './host-profile.js';
import { prefixedAttribute } from './prefix.js';
import './features/session-status.js';
import './features/selection.js';
import './features/selection-toolbar.js';
import './features/forget-selection-on-sign-out.js';
import './features/create-collection.js';
import './features/collections-window.js';
import './features/collection-contents.js';
import './features/edit-tags.js';

const LOADED = prefixedAttribute('loaded');

if (isCatalogPage(document) && !document.documentElement.hasAttribute(LOADED)) {
  document.documentElement.setAttribute(LOADED, '');
  void features.start();
}
