import { transcribeRecording } from '../src/backends/local/voice/transcribe.js';
import { cpuTimes } from './proc.js';
import { watchChildren } from './watch.js';

/** What hearing the words of one voice recording costs: the work the server does once per voice upload. */
export interface TranscriptionCost {
  status: string;
  audioSeconds: number;
  wallSeconds: number;
  /** ffmpeg's resampling and the recognizer, user + system. */
  cpuSeconds: number;
  /** wall / audio seconds. */
  realTimeFactor: number;
  /** The largest child (the recognizer) at its peak. */
  peakRssBytes: number | null;
  words: number;
}

/**
 * Transcribes the recording as the server does (ffmpeg to 16 kHz mono, then the recognizer in its
 * own process), from this process so its children are the ones measured.
 */
export async function measureTranscription(
  voice: string,
  audioSeconds: number,
  ffmpeg: string,
): Promise<TranscriptionCost> {
  const cpuBefore = await cpuTimes('self');
  const watch = watchChildren(process.pid);
  const started = performance.now();
  const transcript = await transcribeRecording(voice, ffmpeg);
  const wallSeconds = (performance.now() - started) / 1000;
  const peaks = await watch.stop();
  const cpuAfter = await cpuTimes('self');
  return {
    status: transcript.status,
    audioSeconds,
    wallSeconds,
    cpuSeconds: cpuAfter.children - cpuBefore.children,
    realTimeFactor: wallSeconds / audioSeconds,
    peakRssBytes: Math.max(0, ...peaks.children.values()) || null,
    words: transcript.words.length,
  };
}
