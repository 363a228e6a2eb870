/** Accumulates ffmpeg inputs and filtergraph chains while the compiler walks the timeline. */
export class FilterGraph {
  readonly inputs: string[] = [];
  readonly chains: string[] = [];
  private count = 0;
  private readonly shared = new Map<string, number>();

  /** Adds `-i file` (with any input options before it) and returns the input's index. */
  input(file: string, options: string[] = []): number {
    this.inputs.push(...options, '-i', file);
    return this.count++;
  }

  /**
   * The index of an input that several chains read (a clip's picture and its sound), added on
   * first use so the file is opened and decoded once.
   */
  sharedInput(file: string, options: string[] = []): number {
    const key = [...options, file].join('\u0000');
    const known = this.shared.get(key);
    if (known !== undefined) return known;
    const index = this.input(file, options);
    this.shared.set(key, index);
    return index;
  }

  chain(...chains: string[]): void {
    this.chains.push(...chains);
  }

  toString(): string {
    return this.chains.join(';');
  }
}

export const FPS = 30;
export const frames = (seconds: number) => Math.round(seconds * FPS);
/** Numbers as ffmpeg reads them: no exponent, at most 4 decimals. */
export const num = (n: number) => String(Math.round(n * 10000) / 10000);
