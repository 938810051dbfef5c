import type { ImageFormat } from '../mime.js';

/** Everything needed to render one sample original and catalog it; a pure function of its index. */
export interface SampleSpec {
  index: number;
  /** The stem of the file on disk: safe on every filesystem, unique per sample. */
  key: string;
  /** What users see; may hold any Unicode, repeat, or be unsafe on Windows. */
  filename: string;
  format: ImageFormat;
  width: number;
  height: number;
  colors: readonly [string, string];
  label: string;
  exif: { make: string; model: string; takenAt: Date; gps: { latitude: number; longitude: number } | null } | null;
  keywords: readonly string[];
  categories: readonly string[];
  modifiedAt: Date;
}

interface Theme {
  title: string;
  colors: readonly [string, string];
  keywords: readonly string[];
  category: string;
}

const THEMES: readonly Theme[] = [
  { title: 'Sunset', colors: ['#ff7e5f', '#2b1055'], keywords: ['sunset', 'sky'], category: 'Landscape' },
  { title: 'Harbour', colors: ['#1cb5e0', '#000851'], keywords: ['harbour', 'boats'], category: 'Travel' },
  { title: 'Forest', colors: ['#a8e063', '#134e5e'], keywords: ['forest', 'trees'], category: 'Landscape' },
  { title: 'Night city', colors: ['#7f00ff', '#0f0c29'], keywords: ['city', 'night'], category: 'Architecture' },
  { title: 'Desert', colors: ['#f7b733', '#fc4a1a'], keywords: ['desert', 'sand'], category: 'Travel' },
  { title: 'Glacier', colors: ['#e0eafc', '#3a7bd5'], keywords: ['ice', 'mountains'], category: 'Landscape' },
  { title: 'Studio', colors: ['#eeeeee', '#8e9eab'], keywords: ['product', 'studio'], category: 'Product' },
  { title: 'Portrait', colors: ['#ffdde1', '#ee9ca7'], keywords: ['people', 'portrait'], category: 'People' },
];

const PLACES = [
  { latitude: 48.1374, longitude: 11.5755 },
  { latitude: 35.6586, longitude: 139.7454 },
  { latitude: -33.8568, longitude: 151.2153 },
  { latitude: 40.6892, longitude: -74.0445 },
  { latitude: 64.1466, longitude: -21.9426 },
];

const CAMERAS = [
  { make: 'Canon', model: 'EOS R6' },
  { make: 'NIKON CORPORATION', model: 'NIKON Z 6' },
  { make: 'FUJIFILM', model: 'X-T4' },
];

const WIDTHS = [640, 800, 1024, 1280, 1600, 400, 2048, 1200];
const ASPECTS = [4 / 3, 3 / 2, 1, 2 / 3, 3 / 4, 16 / 9];

/** The first samples cover every awkward case, so even a small test catalog holds them all. */
const SPECIAL: ReadonlyArray<{ filename: string; format: ImageFormat; width: number; height: number; gps: boolean | null }> = [
  { filename: 'Café – München.jpg', format: 'jpeg', width: 1600, height: 1067, gps: true },
  { filename: '東京タワー.png', format: 'png', width: 1200, height: 900, gps: null },
  { filename: 'Ünïcödé.jpg', format: 'jpeg', width: 800, height: 800, gps: false },
  { filename: 'IMG_0001.jpg', format: 'jpeg', width: 3000, height: 2000, gps: true },
  { filename: 'IMG_0001.jpg', format: 'jpeg', width: 640, height: 480, gps: null },
  { filename: 'a:b?.jpg', format: 'jpeg', width: 400, height: 600, gps: false },
  { filename: 'Beach panorama.webp', format: 'webp', width: 2400, height: 800, gps: null },
  { filename: 'logo draft.png', format: 'png', width: 512, height: 512, gps: null },
];

const EPOCH = Date.UTC(2024, 0, 1, 8, 0, 0);
const HOUR = 3_600_000;

/** Describes sample number `index` (0-based); the same index always gives the same sample. */
export function sampleSpec(index: number): SampleSpec {
  const theme = THEMES[index % THEMES.length]!;
  const special = SPECIAL[index];
  const shape = special ?? generalShape(index, theme);
  const modifiedAt = new Date(EPOCH + index * 37 * HOUR);
  const camera = CAMERAS[index % CAMERAS.length]!;
  const withExif = shape.format === 'jpeg' && shape.gps !== null;
  return {
    index,
    key: `sample-${String(index + 1).padStart(4, '0')}`,
    filename: shape.filename,
    format: shape.format,
    width: shape.width,
    height: shape.height,
    colors: theme.colors,
    label: `#${index + 1} ${theme.title}`,
    exif: withExif
      ? { ...camera, takenAt: modifiedAt, gps: shape.gps ? PLACES[index % PLACES.length]! : null }
      : null,
    keywords: theme.keywords,
    categories: [theme.category],
    modifiedAt,
  };
}

function generalShape(index: number, theme: Theme) {
  const width = index % 20 === 19 ? 3000 : WIDTHS[index % WIDTHS.length]!;
  const height = Math.round(width / ASPECTS[(index * 7) % ASPECTS.length]!);
  const format: ImageFormat = index % 4 === 3 ? 'png' : index % 9 === 5 ? 'webp' : 'jpeg';
  const extension = format === 'jpeg' ? 'jpg' : format;
  let stem: string;
  if (index % 25 === 12) stem = 'Holiday';
  else if (index % 4 === 0) stem = `IMG_${String(1000 + index).padStart(4, '0')}`;
  else if (index % 4 === 1) stem = `${theme.title.toLowerCase().replace(' ', '-')}-${index}`;
  else if (index % 4 === 2) stem = `DSC0${4000 + index}`;
  else stem = `${theme.title} ${index}`;
  // Every third JPEG carries GPS, every third a camera but no location, the rest no EXIF.
  const gps = format !== 'jpeg' ? null : index % 3 === 0 ? true : index % 3 === 1 ? false : null;
  return { filename: `${stem}.${extension}`, format, width, height, gps };
}
