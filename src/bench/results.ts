import type { Machine } from './machine.js';
import type { Measured } from './measure.js';
import type { TranscriptionCost } from './transcription.js';

/** One measured export of a reference letter, side by side with x264's floor for it. */
export interface RenderCase {
  id: 'final-30s' | 'text-edit-30s' | 'music-edit-30s' | 'vertical-30s' | 'preview-30s' | 'final-3min';
  label: string;
  quality: 'final' | 'preview';
  width: number;
  height: number;
  videoSeconds: number;
  frames: number;
  wallSeconds: number;
  /** Server process + every child it ran (ffmpeg, ffprobe), user + system. */
  cpuSeconds: number;
  ffmpegPeakRssBytes: number | null;
  serverPeakRssBytes: number | null;
  /** Server and its ffmpeg children together, the largest sum sampled at one moment. */
  peakRssTogetherBytes: number;
  sizeBytes: number;
  /** Render seconds per second of video. */
  realTimeFactor: number;
  floor: Measured;
  /** Render wall time / floor wall time. */
  floorRatio: number;
  /** For a case run several times: each run, the row holding their medians (see medianCase). */
  runs?: { wallSeconds: number; cpuSeconds: number; floorSeconds: number; floorRatio: number }[];
}

export interface ToolTiming {
  tool: string;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  note: string;
}

export interface Storyboard {
  available: boolean;
  wallSeconds: number | null;
  note: string;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null when the thing could not be measured (e.g. no storyboard yet). */
  met: boolean | null;
}

export interface BenchResults {
  startedAt: string;
  benchSeconds: number;
  machine: Machine;
  /** 1-minute load average when the run ended. */
  loadAverageAtEnd: number;
  ffmpeg: { path: string; version: string };
  letters: { id: string; photos: number; messageWords: number; voiceUploaded: boolean; voiceInRender: boolean; videoSeconds: number }[];
  cases: RenderCase[];
  storyboard: Storyboard;
  /** Speech-to-text of the voice recording (the `transcribe-voice` case), when it was run. */
  transcription: TranscriptionCost | null;
  tools: ToolTiming[];
  targets: TargetCheck[];
  methods: Record<string, string>;
}
