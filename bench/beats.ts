/**
 * `npm run bench -- --only=beats`: beat tracking of uploaded music, on a minute of a 100 bpm click
 * track, of the built-in warm music (72 bpm, an even eighth-note arpeggio) and celebration music
 * (120 bpm, sixteenths) saved as WAVs, of a bass marking 72 bpm under even eighths, of rock beats
 * (120 and 80 bpm, the kick on 1 and 3), of a waltz without drums (150 bpm) and of a drummed waltz
 * (180 bpm): how long tracking takes, the tempo found, and the worst distance either way between a
 * true beat and a tracked one (a tracked off-beat counts as a miss).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { trackBeats } from '../src/backends/local/music/beat-tracking.js';
import { builtInBeats } from '../src/backends/local/music/beats.js';
import { encodeWav, synthesizeMusic } from '../src/backends/local/music/synth.js';
import {
  BASS_AND_ARPEGGIO_BPM,
  BASS_AND_ARPEGGIO_FIRST_BEAT,
  beatGrid,
  CLICKS_BPM,
  CLICKS_FIRST_BEAT,
  SONG_FIRST_BEAT,
  WALTZ_FIRST_BEAT,
  writeBassAndArpeggioTrack,
  writeClickTrack,
  writeDrummedWaltzTrack,
  writeSongLikeTrack,
  writeWaltzTrack,
} from '../src/dev/test-media.js';
import { formatTable, fixed } from './table.js';

const SECONDS = 60;

/** The largest distance from a time in `from` to the nearest in `to`, from the second second to two before the end. */
const worstMiss = (from: number[], to: number[]) =>
  Math.max(...from.filter((t) => t > 1 && t < SECONDS - 2).map((t) => Math.min(...to.map((b) => Math.abs(b - t)))));

async function measure(ffmpeg: string, file: string, truth: number[]) {
  const started = performance.now();
  const beats = await trackBeats(ffmpeg, file);
  const ms = performance.now() - started;
  const miss = Math.max(worstMiss(truth, beats.times), worstMiss(beats.times, truth));
  return [fixed(ms, 0), fixed(beats.bpm, 1), fixed(miss * 1000, 1)];
}

export async function benchBeats(ffmpeg: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-bench-beats-'));
  try {
    const [clicks, warm, celebration, bass, rock, slowRock, waltz, drummedWaltz] = [
      'clicks.mp3',
      'warm.wav',
      'celebration.wav',
      'bass.mp3',
      'rock.mp3',
      'slow-rock.mp3',
      'waltz.mp3',
      'drummed-waltz.mp3',
    ].map((f) => path.join(dir, f));
    await writeClickTrack(ffmpeg, clicks!, SECONDS);
    await writeFile(warm!, encodeWav(synthesizeMusic('warm', SECONDS, 44100), 44100));
    await writeFile(celebration!, encodeWav(synthesizeMusic('celebration', SECONDS, 44100), 44100));
    await writeBassAndArpeggioTrack(ffmpeg, bass!, SECONDS);
    await writeSongLikeTrack(ffmpeg, rock!, SECONDS, { bpm: 120, kicks: 'one and three' });
    await writeSongLikeTrack(ffmpeg, slowRock!, SECONDS, { bpm: 80, kicks: 'one and three' });
    await writeWaltzTrack(ffmpeg, waltz!, SECONDS, 150);
    await writeDrummedWaltzTrack(ffmpeg, drummedWaltz!, SECONDS, 180);
    const rows = [
      [
        'click track, 100 bpm (MP3)',
        ...(await measure(ffmpeg, clicks!, beatGrid(CLICKS_BPM, CLICKS_FIRST_BEAT, SECONDS))),
      ],
      ['built-in warm music, 72 bpm (WAV)', ...(await measure(ffmpeg, warm!, builtInBeats('warm', 0, SECONDS)))],
      [
        'built-in celebration music, 120 bpm, sixteenths (WAV)',
        ...(await measure(ffmpeg, celebration!, builtInBeats('celebration', 0, SECONDS))),
      ],
      [
        'bass on the beat under even eighths, 72 bpm (MP3)',
        ...(await measure(ffmpeg, bass!, beatGrid(BASS_AND_ARPEGGIO_BPM, BASS_AND_ARPEGGIO_FIRST_BEAT, SECONDS))),
      ],
      [
        'rock beat, kick on 1 and 3, 120 bpm (MP3)',
        ...(await measure(ffmpeg, rock!, beatGrid(120, SONG_FIRST_BEAT, SECONDS))),
      ],
      [
        'rock beat, kick on 1 and 3, hi-hats on the eighths, 80 bpm (MP3)',
        ...(await measure(ffmpeg, slowRock!, beatGrid(80, SONG_FIRST_BEAT, SECONDS))),
      ],
      [
        'waltz, bass on 1, chord on 2 and 3, 150 bpm (MP3)',
        ...(await measure(ffmpeg, waltz!, beatGrid(150, WALTZ_FIRST_BEAT, SECONDS))),
      ],
      [
        'drummed waltz, kick on 1, snare on 2 and 3, hi-hats on the eighths, 180 bpm (MP3)',
        ...(await measure(ffmpeg, drummedWaltz!, beatGrid(180, WALTZ_FIRST_BEAT, SECONDS))),
      ],
    ];
    return (
      `Beat tracking of ${SECONDS} s of uploaded music (decode included); worst miss = largest distance either way between a true beat and a tracked one\n\n` +
      formatTable(['music', 'ms', 'bpm found', 'worst miss (ms)'], rows)
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
