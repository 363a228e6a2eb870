/**
 * A Markdown table, padded so it also reads well in a terminal, and pastes into the docs as is.
 * Columns whose cells are all numbers (or "n/a") are right-aligned.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => header.map((_, i) => String(row[i] ?? '')));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] as string).length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((row) => /^(-?[\d.]+[x%]?|n\/a)$/.test(String(row[i] ?? ''))),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(cells[0] as string[]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** A fixed number of decimals, or "n/a" when there is nothing to show. */
export function fixed(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(decimals);
}

/** Bytes as decimal megabytes with one decimal. */
export const megabytes = (bytes: number | null | undefined) =>
  fixed(bytes === null || bytes === undefined ? bytes : bytes / 1e6, 1);
