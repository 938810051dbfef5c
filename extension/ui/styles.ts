/** Styles of the extension's shadow roots. Nothing here can reach the host page. */
const BASE = `
:host { all: initial; }
* { box-sizing: border-box; }
.icon { width: 1.1em; height: 1.1em; fill: currentColor; vertical-align: -0.2em; }
button { font: inherit; cursor: pointer; border: 1px solid #b8c0cc; background: #fff; color: #1f2933;
  border-radius: 6px; padding: 6px 12px; }
button:hover { background: #f0f3f7; }
button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid #2463eb; outline-offset: 2px; }
button.primary { background: #2463eb; border-color: #2463eb; color: #fff; }
button.primary:hover { background: #1d4fc4; }
button.danger { background: #c62828; border-color: #c62828; color: #fff; }
button.quiet { border-color: transparent; background: transparent; padding: 4px 6px; }
button:disabled { opacity: 0.55; cursor: default; }
`;

/** The layer: dialogs, the Shared Collections window, messages. */
export const STYLES = `${BASE}
.backdrop { position: fixed; inset: 0; background: rgb(15 23 42 / 0.45); display: grid; place-items: center;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; }
.dialog { background: #fff; border-radius: 10px; box-shadow: 0 12px 40px rgb(0 0 0 / 0.3); padding: 20px 24px;
  width: min(480px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; }
.dialog.wide { width: min(960px, calc(100vw - 32px)); }
.dialog h2 { margin: 0 0 16px; font-size: 18px; }
.field { display: grid; gap: 4px; margin-bottom: 14px; }
.field label { font-weight: 600; }
.field input[type=text], .field input[type=password], .field input[type=date], .field input[type=url], .field textarea {
  font: inherit; border: 1px solid #b8c0cc; border-radius: 6px; padding: 7px 9px; width: 100%; }
.field textarea { min-height: 72px; resize: vertical; }
.field input[aria-invalid=true], .field textarea[aria-invalid=true] { border-color: #c62828; }
.field input:disabled { background: #f0f3f7; }
.check { display: flex; gap: 8px; align-items: center; margin-bottom: 14px; font-weight: 600; }
.check-field { margin-bottom: 14px; }
.check-field .check { margin-bottom: 2px; }
.hint { color: #52606d; font-size: 12px; }
.error { color: #c62828; font-size: 13px; }
.error:empty { display: none; }
.row { display: flex; gap: 8px; align-items: center; }
.row > input { flex: 1; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 18px; }
.banner { border-radius: 6px; padding: 8px 10px; margin-bottom: 12px; background: #fdecea; color: #8a1c1c; }
.banner:empty { display: none; }
.status { color: #1b7a3a; font-size: 13px; min-height: 1.4em; }
.notices { position: fixed; right: 16px; bottom: 16px; display: grid; gap: 8px; width: min(380px, calc(100vw - 32px));
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
.notice { background: #1f2933; color: #fff; border-radius: 8px; padding: 10px 12px; display: flex; gap: 8px; align-items: center;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.25); }
.notice.error { background: #8a1c1c; }
.notice p { margin: 0; flex: 1; }
.notice button { background: transparent; color: #fff; border-color: rgb(255 255 255 / 0.5); padding: 3px 8px; }
.window-header { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; }
.window-header h2 { margin: 0; flex: 1; }
.tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 14px; }
.tile { border: 1px solid #d9dee5; border-radius: 8px; overflow: hidden; display: grid; position: relative; }
.tile-open { border: 0; border-radius: 0; padding: 0; background: #eef1f5; display: block; text-align: left; width: 100%; }
.tile-cover { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #dfe4ea; }
.tile-body { padding: 8px 10px; display: grid; gap: 2px; font-size: 13px; }
.tile-title { font-weight: 600; font-size: 14px; overflow-wrap: anywhere; }
.tile-actions { display: flex; gap: 4px; padding: 0 6px 8px; align-items: center; }
.badges { display: flex; gap: 4px; flex-wrap: wrap; }
.badge { font-size: 11px; border-radius: 999px; padding: 1px 7px; background: #e6ebf2; color: #323f4b; }
.badge.expired { background: #c62828; color: #fff; font-weight: 600; }
.warning { color: #b3261e; font-weight: 600; }
.menu-anchor { position: relative; margin-left: auto; }
.menu { position: absolute; right: 0; bottom: 100%; background: #fff; border: 1px solid #d9dee5; border-radius: 6px;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.2); display: grid; min-width: 120px; padding: 4px; z-index: 1; }
.menu[hidden] { display: none; }
.menu button { border: 0; text-align: left; border-radius: 4px; }
.empty { color: #52606d; }
`;

/**
 * A thumbnail's selection checkbox, in the upper-right corner of the thumbnail's image.
 * Positioned out of the host's flow (no layout shift); `content-visibility: auto` lets the
 * browser skip restyling the checkboxes scrolled out of view, which is most of the cost of a
 * Shift range over thousands of thumbnails.
 */
export const CHECKBOX_STYLES = `${BASE}
:host { position: absolute; top: 6px; right: 6px; z-index: 1; width: 26px; height: 26px;
  content-visibility: auto; contain-intrinsic-size: 26px 26px; }
label { display: grid; place-items: center; width: 100%; height: 100%;
  border-radius: 6px; background: rgb(255 255 255 / 0.85); box-shadow: 0 1px 3px rgb(0 0 0 / 0.3); cursor: pointer; }
input { width: 16px; height: 16px; margin: 0; cursor: pointer; accent-color: #2463eb; }
`;

/** The toolbar controls and the collection banner, which sit inside host containers. */
export const BAR_STYLES = `${BASE}
:host { display: inline-flex; }
.bar { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; }
.bar button { padding: 3px 10px; }
.bar[hidden] { display: none; }
.count { font-weight: 600; }
`;
