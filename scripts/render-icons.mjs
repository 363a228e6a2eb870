// `node scripts/render-icons.mjs [folder]`: draws the server's and each tool's icon, in a light and
// a dark theme, into assets/icons/ (or the folder given) as SVG and as PNG: 64x64 for MCP clients,
// and the server's also at 512x512 for the Claude Desktop extension (the size mcpb recommends).
// The drawings live here, once: each theme only changes the two colours. The files are committed,
// so a start never needs sharp for them; test/unit/mcp/icons.test.ts draws them again and checks
// the committed ones are the same.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'assets', 'icons'));

/** "light" is drawn for a light background (dark lines), "dark" for a dark one. */
const THEMES = {
  light: { ink: '#1f2a44', accent: '#d9485f' },
  dark: { ink: '#f4efe6', accent: '#ff8a8a' },
};

const line = (d, colour) =>
  `<path d="${d}" fill="none" stroke="${colour}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`;
const solid = (d, colour) =>
  `<path d="${d}" fill="${colour}" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`;

/** Each drawing on a 64x64 grid, from the theme's ink and accent. */
const DRAWINGS = {
  // An envelope with a play triangle: a letter you watch.
  'video-letter': ({ ink, accent }) => [
    line('M10 10H54A4 4 0 0 1 58 14V50A4 4 0 0 1 54 54H10A4 4 0 0 1 6 50V14A4 4 0 0 1 10 10Z', ink),
    line('M8 13L32 27L56 13', ink),
    solid('M27 33L27 49L40 41Z', accent),
  ],
  // A photo going up.
  upload_media: ({ ink, accent }) => [
    line('M10 20H38A4 4 0 0 1 42 24V46A4 4 0 0 1 38 50H10A4 4 0 0 1 6 46V24A4 4 0 0 1 10 20Z', ink),
    line('M8 46L18 35L26 42L31 37L40 46', ink),
    line('M52 48V10M44 18L52 10L60 18', accent),
  ],
  // A page of words and a pen writing it.
  generate_letter: ({ ink, accent }) => [
    line('M12 6H38A4 4 0 0 1 42 10V54A4 4 0 0 1 38 58H12A4 4 0 0 1 8 54V10A4 4 0 0 1 12 6Z', ink),
    line('M15 18H34M15 27H34M15 36H26', ink),
    line('M52 24L58 30L39 49L31 51L33 43Z', accent),
  ],
  // The timeline's tracks and the playhead.
  get_state: ({ ink, accent }) => [
    line('M8 14H34M8 30H54M8 46H24', ink),
    line('M42 8V56', accent),
    solid('M36 6H48L42 12Z', accent),
  ],
  // A stack of coins.
  get_credits: ({ ink, accent }) => [
    line('M12 22V44C12 48.4 21 52 32 52C43 52 52 48.4 52 44V22', ink),
    line('M12 33C12 37.4 21 41 32 41C43 41 52 37.4 52 33', ink),
    line('M12 22C12 17.6 21 14 32 14C43 14 52 17.6 52 22C52 26.4 43 30 32 30C21 30 12 26.4 12 22Z', accent),
  ],
  // A screen playing, and the file coming down.
  export_video: ({ ink, accent }) => [
    line('M10 6H54A4 4 0 0 1 58 10V32A4 4 0 0 1 54 36H10A4 4 0 0 1 6 32V10A4 4 0 0 1 10 6Z', ink),
    solid('M28 14L28 28L39 21Z', ink),
    line('M32 42V58M24 50L32 58L40 50', accent),
  ],
  // Asking in your own words: a speech bubble with a spark.
  video_letter: ({ ink, accent }) => [
    line('M10 10H54A4 4 0 0 1 58 14V40A4 4 0 0 1 54 44H26L16 54V44H10A4 4 0 0 1 6 40V14A4 4 0 0 1 10 10Z', ink),
    solid('M32 16L35 24L43 27L35 30L32 38L29 30L21 27L29 24Z', accent),
  ],
};

const svgOf = (name, theme) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">${DRAWINGS[name](THEMES[theme]).join('')}</svg>\n`;

/** The PNG of an SVG at `size` pixels square. */
const pngOf = (svg, size) =>
  sharp(Buffer.from(svg), { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

/** PNG sizes written for each drawing: the server's larger one is the extension's icon. */
const SIZES = (name) => (name === 'video-letter' ? [64, 512] : [64]);

mkdirSync(out, { recursive: true });
for (const name of Object.keys(DRAWINGS)) {
  for (const theme of Object.keys(THEMES)) {
    const svg = svgOf(name, theme);
    writeFileSync(path.join(out, `${name}-${theme}.svg`), svg);
    for (const size of SIZES(name)) {
      const suffix = size === 64 ? '' : `-${size}`;
      writeFileSync(path.join(out, `${name}-${theme}${suffix}.png`), await pngOf(svg, size));
    }
  }
}
process.stderr.write(`Icons drawn into ${out}\n`);
