/**
 * Every word of the public pages, in one catalog per language. The server renders with it,
 * and hands `gallery.js` the part it needs (`script`) in a data attribute, so the page's
 * script carries no words of its own. Plural entries follow `Intl.PluralRules`; `{n}` and
 * `{name}`-style fields are filled by `fill`.
 */
import type { Context } from 'koa';
import type { ErrorCode } from '../../shared/errors.js';

/** A text with plural forms by `Intl.PluralRules` category; `other` is always there. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface PublicStrings {
  sharedBy: string;
  files: Plural;
  empty: string;
  downloadAll: string;
  downloadSelected: string;
  clear: string;
  select: string;
  download: string;
  availableDays: Plural;
  availableHours: Plural;
  availableMinutes: string;
  until: string;
  pages: string;
  previous: string;
  next: string;
  pageOf: string;
  selectionZip: Plural;
  passwordHeading: string;
  passwordText: string;
  password: string;
  unlock: string;
  wrongPassword: string;
  tooManyAttempts: string;
  messages: Record<MessageKey, { heading: string; text: string }>;
  /** What gallery.js shows; sent to it whole. */
  script: {
    selected: Plural;
    close: string;
    previous: string;
    next: string;
    download: string;
    /** Save a file or a small selection through the system's share sheet (to the photo library on a phone). */
    save: string;
    /** The viewer's Download button's accessible name. */
    downloadFile: string;
    position: string;
  };
}

/** A page per domain error code, and one for the unexpected. */
export type MessageKey = ErrorCode | 'internal';

const en: PublicStrings = {
  sharedBy: 'Shared by {name}',
  files: { one: '{n} file', other: '{n} files' },
  empty: 'This collection is empty.',
  downloadAll: 'Download all ({size})',
  downloadSelected: 'Download selected',
  clear: 'Clear',
  select: 'Select {name}',
  download: 'Download {name}',
  availableDays: { one: 'Available for 1 more day', other: 'Available for {n} more days' },
  availableHours: { one: 'Available for 1 more hour', other: 'Available for {n} more hours' },
  availableMinutes: 'Available for less than an hour',
  until: 'until {date}',
  pages: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'page {page} of {count}',
  selectionZip: { one: '{title} (1 file)', other: '{title} ({n} files)' },
  passwordHeading: 'Password required',
  passwordText: 'This shared collection is protected. Enter the password you were given.',
  password: 'Password',
  unlock: 'Unlock',
  wrongPassword: 'Wrong password',
  tooManyAttempts: 'Too many attempts. Try again in {n} seconds.',
  messages: {
    not_found: { heading: 'Link not found', text: 'This link does not exist. Check that you copied all of it.' },
    gone: {
      heading: 'This link has expired',
      text: 'The shared collection is no longer available. Ask the person who sent you the link for a new one.',
    },
    unauthenticated: {
      heading: 'Sign in to view this collection',
      text: 'This collection is shared only with people signed in to the catalog. Sign in, then open this link again.',
    },
    forbidden: { heading: 'Not allowed', text: 'Downloading original files is not allowed for this collection.' },
    rate_limited: { heading: 'Too many requests', text: 'Please wait a moment before trying again.' },
    validation_failed: { heading: 'Bad request', text: 'The request could not be understood.' },
    payload_too_large: { heading: 'Too much data', text: 'The request was too large.' },
    unavailable: { heading: 'Temporarily unavailable', text: 'The service is busy or down. Try again in a moment.' },
    conflict: { heading: 'Bad request', text: 'The request could not be understood.' },
    internal: { heading: 'Something went wrong', text: 'The page could not be shown. Try again later.' },
  },
  script: {
    selected: { one: '1 selected', other: '{n} selected' },
    close: 'Close',
    previous: 'Previous',
    next: 'Next',
    download: 'Download',
    downloadFile: 'Download {name}',
    save: 'Save',
    position: '{index} of {count}',
  },
};

const de: PublicStrings = {
  sharedBy: 'Geteilt von {name}',
  files: { one: '{n} Datei', other: '{n} Dateien' },
  empty: 'Diese Sammlung ist leer.',
  downloadAll: 'Alle herunterladen ({size})',
  downloadSelected: 'Auswahl herunterladen',
  clear: 'Auswahl aufheben',
  select: '{name} auswählen',
  download: '{name} herunterladen',
  availableDays: { one: 'Noch 1 Tag verfügbar', other: 'Noch {n} Tage verfügbar' },
  availableHours: { one: 'Noch 1 Stunde verfügbar', other: 'Noch {n} Stunden verfügbar' },
  availableMinutes: 'Noch weniger als eine Stunde verfügbar',
  until: 'bis {date}',
  pages: 'Seiten',
  previous: 'Zurück',
  next: 'Weiter',
  pageOf: 'Seite {page} von {count}',
  selectionZip: { one: '{title} (1 Datei)', other: '{title} ({n} Dateien)' },
  passwordHeading: 'Passwort erforderlich',
  passwordText: 'Diese geteilte Sammlung ist geschützt. Geben Sie das Passwort ein, das Sie erhalten haben.',
  password: 'Passwort',
  unlock: 'Entsperren',
  wrongPassword: 'Falsches Passwort',
  tooManyAttempts: 'Zu viele Versuche. Versuchen Sie es in {n} Sekunden erneut.',
  messages: {
    not_found: { heading: 'Link nicht gefunden', text: 'Diesen Link gibt es nicht. Prüfen Sie, ob Sie ihn vollständig kopiert haben.' },
    gone: {
      heading: 'Dieser Link ist abgelaufen',
      text: 'Die geteilte Sammlung ist nicht mehr verfügbar. Bitten Sie die Person, die Ihnen den Link geschickt hat, um einen neuen.',
    },
    unauthenticated: {
      heading: 'Melden Sie sich an, um diese Sammlung zu sehen',
      text: 'Diese Sammlung ist nur für im Katalog angemeldete Personen freigegeben. Melden Sie sich an und öffnen Sie den Link erneut.',
    },
    forbidden: { heading: 'Nicht erlaubt', text: 'Das Herunterladen der Originaldateien ist für diese Sammlung nicht erlaubt.' },
    rate_limited: { heading: 'Zu viele Anfragen', text: 'Bitte warten Sie einen Moment und versuchen Sie es dann erneut.' },
    validation_failed: { heading: 'Ungültige Anfrage', text: 'Die Anfrage konnte nicht verstanden werden.' },
    payload_too_large: { heading: 'Zu viele Daten', text: 'Die Anfrage war zu groß.' },
    unavailable: { heading: 'Vorübergehend nicht verfügbar', text: 'Der Dienst ist ausgelastet oder nicht erreichbar. Versuchen Sie es gleich noch einmal.' },
    conflict: { heading: 'Ungültige Anfrage', text: 'Die Anfrage konnte nicht verstanden werden.' },
    internal: { heading: 'Etwas ist schiefgelaufen', text: 'Die Seite konnte nicht angezeigt werden. Versuchen Sie es später erneut.' },
  },
  script: {
    selected: { one: '1 ausgewählt', other: '{n} ausgewählt' },
    close: 'Schließen',
    previous: 'Zurück',
    next: 'Weiter',
    download: 'Herunterladen',
    downloadFile: '{name} herunterladen',
    save: 'Speichern',
    position: '{index} von {count}',
  },
};

const fr: PublicStrings = {
  sharedBy: 'Partagé par {name}',
  files: { one: '{n} fichier', other: '{n} fichiers' },
  empty: 'Cette collection est vide.',
  downloadAll: 'Tout télécharger ({size})',
  downloadSelected: 'Télécharger la sélection',
  clear: 'Effacer',
  select: 'Sélectionner {name}',
  download: 'Télécharger {name}',
  availableDays: { one: 'Disponible encore 1 jour', other: 'Disponible encore {n} jours' },
  availableHours: { one: 'Disponible encore 1 heure', other: 'Disponible encore {n} heures' },
  availableMinutes: 'Disponible encore moins d’une heure',
  until: 'jusqu’au {date}',
  pages: 'Pages',
  previous: 'Précédent',
  next: 'Suivant',
  pageOf: 'page {page} sur {count}',
  selectionZip: { one: '{title} (1 fichier)', other: '{title} ({n} fichiers)' },
  passwordHeading: 'Mot de passe requis',
  passwordText: 'Cette collection partagée est protégée. Saisissez le mot de passe qui vous a été communiqué.',
  password: 'Mot de passe',
  unlock: 'Déverrouiller',
  wrongPassword: 'Mot de passe incorrect',
  tooManyAttempts: 'Trop de tentatives. Réessayez dans {n} secondes.',
  messages: {
    not_found: { heading: 'Lien introuvable', text: 'Ce lien n’existe pas. Vérifiez que vous l’avez copié en entier.' },
    gone: {
      heading: 'Ce lien a expiré',
      text: 'La collection partagée n’est plus disponible. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
    },
    unauthenticated: {
      heading: 'Connectez-vous pour voir cette collection',
      text: 'Cette collection n’est partagée qu’avec les personnes connectées au catalogue. Connectez-vous, puis rouvrez ce lien.',
    },
    forbidden: { heading: 'Non autorisé', text: 'Le téléchargement des fichiers originaux n’est pas autorisé pour cette collection.' },
    rate_limited: { heading: 'Trop de requêtes', text: 'Veuillez patienter un instant avant de réessayer.' },
    validation_failed: { heading: 'Requête invalide', text: 'La requête n’a pas pu être comprise.' },
    payload_too_large: { heading: 'Trop de données', text: 'La requête était trop volumineuse.' },
    unavailable: { heading: 'Momentanément indisponible', text: 'Le service est surchargé ou arrêté. Réessayez dans un instant.' },
    conflict: { heading: 'Requête invalide', text: 'La requête n’a pas pu être comprise.' },
    internal: { heading: 'Une erreur est survenue', text: 'La page n’a pas pu être affichée. Réessayez plus tard.' },
  },
  script: {
    selected: { one: '1 sélectionné', other: '{n} sélectionnés' },
    close: 'Fermer',
    previous: 'Précédent',
    next: 'Suivant',
    download: 'Télécharger',
    downloadFile: 'Télécharger {name}',
    save: 'Enregistrer',
    position: '{index} sur {count}',
  },
};

const ja: PublicStrings = {
  sharedBy: '共有者: {name}',
  files: { other: '{n} 個のファイル' },
  empty: 'このコレクションは空です。',
  downloadAll: 'すべてダウンロード ({size})',
  downloadSelected: '選択した項目をダウンロード',
  clear: '選択を解除',
  select: '{name} を選択',
  download: '{name} をダウンロード',
  availableDays: { other: 'あと {n} 日間利用できます' },
  availableHours: { other: 'あと {n} 時間利用できます' },
  availableMinutes: 'あと 1 時間未満利用できます',
  until: '{date} まで',
  pages: 'ページ',
  previous: '前へ',
  next: '次へ',
  pageOf: '{count} ページ中 {page} ページ目',
  selectionZip: { other: '{title} ({n} ファイル)' },
  passwordHeading: 'パスワードが必要です',
  passwordText: 'この共有コレクションは保護されています。受け取ったパスワードを入力してください。',
  password: 'パスワード',
  unlock: 'ロック解除',
  wrongPassword: 'パスワードが違います',
  tooManyAttempts: '試行回数が多すぎます。{n} 秒後にもう一度お試しください。',
  messages: {
    not_found: { heading: 'リンクが見つかりません', text: 'このリンクは存在しません。すべてコピーされているか確認してください。' },
    gone: {
      heading: 'このリンクは期限切れです',
      text: '共有コレクションは利用できなくなりました。リンクを送った人に新しいリンクを依頼してください。',
    },
    unauthenticated: {
      heading: 'このコレクションを見るにはサインインしてください',
      text: 'このコレクションはカタログにサインインしている人とだけ共有されています。サインインしてから、もう一度このリンクを開いてください。',
    },
    forbidden: { heading: '許可されていません', text: 'このコレクションではオリジナルファイルのダウンロードは許可されていません。' },
    rate_limited: { heading: 'リクエストが多すぎます', text: 'しばらく待ってからもう一度お試しください。' },
    validation_failed: { heading: '不正なリクエスト', text: 'リクエストを理解できませんでした。' },
    payload_too_large: { heading: 'データが多すぎます', text: 'リクエストが大きすぎます。' },
    unavailable: { heading: '一時的に利用できません', text: 'サービスが混雑しているか停止しています。しばらくしてからもう一度お試しください。' },
    conflict: { heading: '不正なリクエスト', text: 'リクエストを理解できませんでした。' },
    internal: { heading: '問題が発生しました', text: 'ページを表示できませんでした。後でもう一度お試しください。' },
  },
  script: {
    selected: { other: '{n} 件を選択中' },
    close: '閉じる',
    previous: '前へ',
    next: '次へ',
    download: 'ダウンロード',
    downloadFile: '{name} をダウンロード',
    save: '保存',
    position: '{index} / {count}',
  },
};

export const CATALOG = { en, de, fr, ja } as const satisfies Record<string, PublicStrings>;

export type Locale = keyof typeof CATALOG;

/** The languages offered, the first being the default for a request that states none we have. */
export const LOCALES = Object.keys(CATALOG) as Locale[];

/** `{key}` fields of `text` replaced by `values`; an unknown field stays as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (field, key: string) => (key in values ? String(values[key]) : field));
}

/** The plural form of `plural` for `n` in `locale`, with `{n}` (and `values`) filled. */
export function plural(locale: Locale, forms: Plural, n: number, values: Record<string, string | number> = {}): string {
  const category = new Intl.PluralRules(locale).select(n);
  return fill(forms[category] ?? forms.other, { n: new Intl.NumberFormat(locale).format(n), ...values });
}

/** The request's language by `Accept-Language` (Koa's negotiation: `de-CH` gets `de`); English when none fits. */
export function localeOf(ctx: Pick<Context, 'acceptsLanguages'>): Locale {
  const chosen = ctx.acceptsLanguages(LOCALES);
  return typeof chosen === 'string' && chosen in CATALOG ? (chosen as Locale) : 'en';
}
