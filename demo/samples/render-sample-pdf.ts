/**
 * A real one-page PDF (A4, Helvetica text) and the preview image a DAM would make of it:
 * the demo has no PDF renderer, so it draws the same lines as an SVG and lets sharp turn
 * that into the picture. Both come from the same lines, so the preview shows the document.
 */
import sharp from 'sharp';

/** A4 in PDF points. */
export const PDF_PAGE = { width: 595, height: 842 } as const;

/** Text for a PDF string literal: ASCII only (WinAnsi without the rest), with its specials escaped. */
const pdfText = (line: string) => line.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (char) => `\\${char}`);

/** The bytes of a valid PDF 1.4 file with `lines`, the first as a heading, and a correct xref table. */
export function renderSamplePdf(lines: readonly string[]): Buffer {
  const text = lines.map((line, index) => `BT /F1 ${index === 0 ? 24 : 12} Tf 56 ${770 - index * 28} Td (${pdfText(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PDF_PAGE.width} ${PDF_PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = Buffer.byteLength(body);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The page as a JPEG, `width` pixels wide: what the host serves as the PDF's thumbnail and preview. */
export async function renderPdfPreview(lines: readonly string[], width: number): Promise<Buffer> {
  const escape = (line: string) => line.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);
  const rows = lines
    .map((line, index) => `<text x="56" y="${72 + index * 28}" font-family="Helvetica, Arial, sans-serif" font-size="${index === 0 ? 24 : 12}">${escape(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PDF_PAGE.width}" height="${PDF_PAGE.height}"><rect width="100%" height="100%" fill="#fff"/>${rows}</svg>`;
  return sharp(Buffer.from(svg)).resize({ width }).jpeg({ quality: 85 }).toBuffer();
}
