/**
 * The content script: a list of features, started only on the host's catalog page (the
 * extension's origins also serve login and public pages, which it leaves alone).
 */
import { features } from './feature-manager.js';
import { isCatalogPage } from './host-profile.js';
import './features/session-status.js';
import './features/selection.js';
import './features/selection-toolbar.js';
import './features/forget-selection-on-sign-out.js';
import './features/create-collection.js';
import './features/collections-window.js';
import './features/collection-contents.js';
import './features/edit-tags.js';

if (isCatalogPage(document)) void features.start();
