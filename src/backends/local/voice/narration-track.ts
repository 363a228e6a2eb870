import { FilterGraph, num } from '../render/compile/graph.js';
import { EVEN_VOICE, mixAtUnity } from '../render/compile/mix.js';
import { graphCommand } from '../render/compile/quiet.js';

/** A spoken line placed on the letter: its WAV and when its first word is heard. */
export interface PlacedLine {
  file: string;
  start: number;
}

/**
 * Pure: ffmpeg arguments that lay the spoken lines on one track the letter's length, each from
 * its start, evened out like a voice recording (EVEN_VOICE), into a 48 kHz float WAV. The sound
 * of the letter then takes it as its voice, so the music ducks under it the same way.
 */
export function narrationTrackArgs(lines: PlacedLine[], duration: number, target: string): string[] {
  const g = new FilterGraph();
  const labels = lines.map((line, i) => {
    const input = g.input(line.file);
    const ms = Math.round(line.start * 1000);
    g.chain(`[${input}:a]aresample=48000,adelay=${ms},apad,atrim=0:${num(duration)}[line${i}]`);
    return `line${i}`;
  });
  mixAtUnity(g, labels, 'spoken');
  g.chain(`[spoken]${EVEN_VOICE}[narration]`);
  return [...graphCommand(g), '-map', '[narration]', '-c:a', 'pcm_f32le', '-f', 'wav', target];
}
