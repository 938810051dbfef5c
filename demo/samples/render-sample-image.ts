import sharp from 'sharp';
import type { SampleSpec } from './sample-spec.js';

/** Renders a sample as a real encoded image: a gradient, a few shapes, a label, and EXIF when the spec has it. */
export async function renderSampleImage(spec: SampleSpec): Promise<Buffer> {
  const image = sharp(Buffer.from(sampleSvg(spec)));
  if (spec.format === 'png') return image.png({ compressionLevel: 6 }).toBuffer();
  if (spec.format === 'webp') return image.webp({ quality: 80 }).toBuffer();
  const jpeg = image.jpeg({ quality: 82 });
  return spec.exif ? jpeg.withExif(exifOf(spec.exif)).toBuffer() : jpeg.toBuffer();
}

function sampleSvg(spec: SampleSpec): string {
  const { width, height, colors, index } = spec;
  const random = seededRandom(index + 1);
  const unit = Math.min(width, height);
  const shapes: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const x = Math.round(random() * width);
    const y = Math.round(random() * height);
    const size = Math.round(unit * (0.08 + random() * 0.25));
    const opacity = (0.15 + random() * 0.4).toFixed(2);
    shapes.push(
      i % 2 === 0
        ? `<circle cx="${x}" cy="${y}" r="${size}" fill="#ffffff" fill-opacity="${opacity}"/>`
        : `<rect x="${x - size}" y="${y - size}" width="${size * 2}" height="${size}" rx="${Math.round(size / 6)}" fill="#000000" fill-opacity="${opacity}" transform="rotate(${Math.round(random() * 90)} ${x} ${y})"/>`,
    );
  }
  const fontSize = Math.max(18, Math.round(unit / 12));
  // Labels stay ASCII: the machines have no CJK font, and the label need not repeat the file name.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
${shapes.join('\n')}
<text x="${Math.round(fontSize * 0.8)}" y="${height - Math.round(fontSize * 0.9)}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="#ffffff" fill-opacity="0.9">${spec.label}</text>
<text x="${Math.round(fontSize * 0.8)}" y="${Math.round(fontSize * 1.4)}" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(fontSize * 0.6)}" fill="#ffffff" fill-opacity="0.8">${width} x ${height} ${spec.format.toUpperCase()}</text>
</svg>`;
}

type Exif = NonNullable<SampleSpec['exif']>;

/** sharp's EXIF input: IFD0 is the image, IFD2 the photo, IFD3 GPS; rationals are written `n/d`. */
function exifOf(exif: Exif): Record<string, Record<string, string>> {
  const taken = exif.takenAt.toISOString().replace(/-/g, ':').replace('T', ' ').slice(0, 19);
  const ifds: Record<string, Record<string, string>> = {
    IFD0: { Make: exif.make, Model: exif.model, Software: 'Demo DAM sample generator' },
    IFD2: { DateTimeOriginal: taken },
  };
  if (exif.gps) {
    ifds.IFD3 = {
      GPSLatitudeRef: exif.gps.latitude >= 0 ? 'N' : 'S',
      GPSLatitude: degreesToRationals(Math.abs(exif.gps.latitude)),
      GPSLongitudeRef: exif.gps.longitude >= 0 ? 'E' : 'W',
      GPSLongitude: degreesToRationals(Math.abs(exif.gps.longitude)),
    };
  }
  return ifds;
}

function degreesToRationals(value: number): string {
  const degrees = Math.floor(value);
  const minutesFloat = (value - degrees) * 60;
  const minutes = Math.floor(minutesFloat);
  const hundredthsOfSeconds = Math.round((minutesFloat - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/100`;
}

/** mulberry32: a tiny deterministic generator, so a sample looks the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
