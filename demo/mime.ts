/** The original formats the demo catalog holds. */
export type ImageFormat = 'jpeg' | 'png' | 'webp';

export const MIME_BY_FORMAT: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export const EXTENSION_BY_FORMAT: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
};
