/** Styles of the extension's shadow roots. Nothing here can reach the host page. */
const BASE = `
:host { all: initial; }
* { box-sizing: border-box; }
.icon { width: 1.1em; height: 1.1em; fill: currentColor; vertical-align: -0.2em; }
button { font: inherit; cursor: pointer; border: 1px solid var(--sc-border); background: var(--sc-surface); color: var(--sc-text);
  border-radius: 6px; padding: 6px 12px; }
button:hover { background: var(--sc-soft); }
button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 2px; }
button.primary { background: var(--sc-accent); border-color: var(--sc-accent); color: #fff; }
button.primary:hover { background: var(--sc-accent-hover); }
button.danger { background: var(--sc-danger); border-color: var(--sc-danger); color: #fff; }
button.quiet { border-color: transparent; background: transparent; padding: 4px 6px; }
button.quiet:hover { background: var(--sc-soft); }
button:disabled { opacity: 0.55; cursor: default; }
`;

/**
 * The colours of the extension's own surfaces, light and, when the system asks for it, dark.
 * Every text colour keeps at least 4.5:1 against the surface it sits on (axe's
 * color-contrast rule checks both schemes, test/e2e/extension-accessibility.test.ts).
 */
const PALETTE = `
:host { color-scheme: light dark;
  --sc-surface: #fff; --sc-text: #1f2933; --sc-muted: #52606d; --sc-border: #8d96a3; --sc-line: #d9dee5;
  --sc-soft: #f0f3f7; --sc-accent: #2463eb; --sc-accent-hover: #1d4fc4; --sc-focus: #2463eb;
  --sc-danger: #c62828; --sc-error: #c62828; --sc-success: #1b7a3a;
  --sc-banner: #fdecea; --sc-banner-text: #8a1c1c; --sc-badge: #e6ebf2; --sc-badge-text: #323f4b;
  --sc-cover: #dfe4ea; --sc-notice: #1f2933; --sc-notice-error: #8a1c1c; --sc-backdrop: rgb(15 23 42 / 0.45); }
@media (prefers-color-scheme: dark) {
  :host { --sc-surface: #1c2230; --sc-text: #e6e9ef; --sc-muted: #a9b4c2; --sc-border: #7b8594; --sc-line: #3a4454;
    --sc-soft: #2a3240; --sc-accent: #2463eb; --sc-accent-hover: #1d4fc4; --sc-focus: #8ab4ff;
    --sc-danger: #c62828; --sc-error: #ff9e94; --sc-success: #7ddc97;
    --sc-banner: #4a1d1d; --sc-banner-text: #ffd9d4; --sc-badge: #334155; --sc-badge-text: #e2e8f0;
    --sc-cover: #2a3240; --sc-notice: #313b4c; --sc-notice-error: #8a1c1c; --sc-backdrop: rgb(0 0 0 / 0.6); }
}
`;

/** The layer: dialogs, the Shared Collections window, messages. */
export const STYLES = `${BASE}${PALETTE}
.backdrop { position: fixed; inset: 0; background: var(--sc-backdrop); display: grid; place-items: center;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--sc-text); }
.dialog { background: var(--sc-surface); color: var(--sc-text); border-radius: 10px; box-shadow: 0 12px 40px rgb(0 0 0 / 0.3); padding: 20px 24px;
  width: min(480px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; }
.dialog.wide { width: min(960px, calc(100vw - 32px)); }
.dialog h2 { margin: 0 0 16px; font-size: 18px; }
.field { display: grid; gap: 4px; margin-bottom: 14px; }
.field label { font-weight: 600; }
.field input[type=text], .field input[type=password], .field input[type=date], .field input[type=url], .field textarea {
  font: inherit; border: 1px solid var(--sc-border); border-radius: 6px; padding: 7px 9px; width: 100%;
  background: var(--sc-surface); color: var(--sc-text); }
.field ::placeholder { color: var(--sc-muted); opacity: 1; }
.field textarea { min-height: 72px; resize: vertical; }
.field input[aria-invalid=true], .field textarea[aria-invalid=true] { border-color: var(--sc-error); }
.field input:disabled { background: var(--sc-soft); }
input[type=checkbox] { accent-color: var(--sc-accent); }
.check { display: flex; gap: 8px; align-items: center; margin-bottom: 14px; font-weight: 600; }
.check-field { margin-bottom: 14px; }
.check-field .check { margin-bottom: 2px; }
.hint { color: var(--sc-muted); font-size: 12px; }
.error { color: var(--sc-error); font-size: 13px; }
.error:empty { display: none; }
.row { display: flex; gap: 8px; align-items: center; }
.row > input { flex: 1; }
.actions { display: flex; justify-content: flex-end; flex-wrap: wrap; gap: 8px; margin-top: 18px; }
.banner { border-radius: 6px; padding: 8px 10px; margin-bottom: 12px; background: var(--sc-banner); color: var(--sc-banner-text); }
.banner:empty { display: none; }
.status { color: var(--sc-success); font-size: 13px; min-height: 1.4em; }
.notices { position: fixed; right: 16px; bottom: 16px; display: grid; gap: 8px; width: min(380px, calc(100vw - 32px));
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
.notice { background: var(--sc-notice); color: #fff; border-radius: 8px; padding: 10px 12px; display: flex; gap: 8px; align-items: center;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.25); }
.notice.error { background: var(--sc-notice-error); }
.notice p { margin: 0; flex: 1; }
.notice button { background: transparent; color: #fff; border-color: rgb(255 255 255 / 0.6); padding: 3px 8px; }
.notice button:hover { background: rgb(255 255 255 / 0.12); }
.window-header { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; }
.window-header h2 { margin: 0; flex: 1; }
.tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 14px; }
.tile { border: 1px solid var(--sc-line); border-radius: 8px; overflow: hidden; display: grid; position: relative; }
.tile-open { border: 0; border-radius: 0; padding: 0; background: var(--sc-soft); display: block; text-align: left; width: 100%; }
.tile-cover { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: var(--sc-cover); }
.tile-body { padding: 8px 10px; display: grid; gap: 2px; font-size: 13px; }
.tile-title { font-weight: 600; font-size: 14px; overflow-wrap: anywhere; }
.tile-actions { display: flex; gap: 4px; padding: 0 6px 8px; align-items: center; }
.badges { display: flex; gap: 4px; flex-wrap: wrap; }
.badge { font-size: 11px; border-radius: 999px; padding: 1px 7px; background: var(--sc-badge); color: var(--sc-badge-text); }
.badge.expired { background: var(--sc-danger); color: #fff; font-weight: 600; }
.warning { color: var(--sc-error); font-weight: 600; }
.menu-anchor { position: relative; margin-left: auto; }
.menu { position: absolute; right: 0; bottom: 100%; background: var(--sc-surface); border: 1px solid var(--sc-line); border-radius: 6px;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.2); display: grid; min-width: 120px; padding: 4px; z-index: 1; }
.menu[hidden] { display: none; }
.menu button { border: 0; text-align: left; border-radius: 4px; }
.empty { color: var(--sc-muted); }
`;

/**
 * A thumbnail's selection checkbox, in the upper-right corner of the thumbnail's image.
 * Positioned out of the host's flow (no layout shift); `content-visibility: auto` lets the
 * browser skip restyling the checkboxes scrolled out of view, which is most of the cost of a
 * Shift range over thousands of thumbnails.
 */
export const CHECKBOX_STYLES = `${BASE}${PALETTE}
:host { position: absolute; top: 6px; right: 6px; z-index: 1; width: 26px; height: 26px;
  content-visibility: auto; contain-intrinsic-size: 26px 26px; }
label { display: grid; place-items: center; width: 100%; height: 100%;
  border-radius: 6px; background: color-mix(in srgb, var(--sc-surface) 88%, transparent); box-shadow: 0 1px 3px rgb(0 0 0 / 0.3); cursor: pointer; }
input { width: 16px; height: 16px; margin: 0; cursor: pointer; accent-color: var(--sc-accent); }
`;

/**
 * The toolbar controls and the collection banner, which sit inside host containers: their
 * text takes the host's colour there, and their buttons are outlined in it, so they read as
 * well on the host's background as the host's own text does, light or dark.
 */
export const BAR_STYLES = `${BASE}${PALETTE}
:host { display: inline-flex; color: inherit; --sc-focus: currentColor; }
.bar { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.bar button { padding: 3px 10px; background: transparent; color: inherit; border-color: currentColor; }
.bar button:hover { background: rgb(127 127 127 / 0.15); }
.bar[hidden] { display: none; }
.count { font-weight: 600; }
`;
