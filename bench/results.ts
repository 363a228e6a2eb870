import type { ColdStart } from './cold-start.js';
import type { Machine } from './machine.js';
import type { Measured } from './measure.js';
import type { TranscriptionCost } from './transcription.js';

/** One measured export of a reference letter, side by side with x264's floor for it. */
export interface RenderCase {
  id:
    | 'final-30s'
    | 'text-edit-30s'
    | 'music-edit-30s'
    | 'vertical-30s'
    | 'preview-30s'
    | 'final-3min'
    | 'narrated-30s'
    // The same first export and preview on the npm-bundled 2018 ffmpeg: what a fresh machine gets.
    | 'fresh-final-30s'
    | 'fresh-preview-30s';
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

export interface FfmpegBuild {
  path: string;
  version: string;
  /** How this build moves photos: the exact resizes (`scale`) or the costlier `perspective`. */
  motion: 'scale' | 'perspective';
}

/** A fresh-machine case beside its twin on this machine's ffmpeg (see paths.ts). */
export interface PathComparison {
  /** The system case's label: the letter and export compared. */
  label: string;
  systemWallSeconds: number;
  bundledWallSeconds: number;
  /** How many times longer the fresh machine waits than a machine with the system ffmpeg. */
  bundledOverSystem: number;
  systemCpuSeconds: number;
  bundledCpuSeconds: number;
  /**
   * How many times the CPU the fresh machine spends: steadier than wall time on a machine shared
   * with other work, which stretches the wall clock of whichever render it lands on.
   */
  bundledCpuOverSystem: number;
  systemFloorRatio: number;
  bundledFloorRatio: number;
}

export interface BenchResults {
  startedAt: string;
  benchSeconds: number;
  machine: Machine;
  /** 1-minute load average when the run ended. */
  loadAverageAtEnd: number;
  ffmpeg: FfmpegBuild;
  /** The bundled build a machine without a system ffmpeg renders with, or why it was not measured. */
  freshMachine: FfmpegBuild | { skipped: string };
  /** Fresh-machine cases beside the same cases on this machine's ffmpeg. */
  comparisons: PathComparison[];
  letters: {
    id: string;
    photos: number;
    messageWords: number;
    voiceUploaded: boolean;
    voiceInRender: boolean;
    videoSeconds: number;
  }[];
  cases: RenderCase[];
  storyboard: Storyboard;
  /** Speech-to-text of the voice recording (the `transcribe-voice` case), when it was run. */
  transcription: TranscriptionCost | null;
  tools: ToolTiming[];
  /** The stdio start to tools/list (empty when `--only` left it out). */
  coldStart: ColdStart[];
  targets: TargetCheck[];
  /** Reading the 30 s letter's message aloud: the generate_letter call that speaks it, and how much speech it made. */
  narration: { generateSeconds: number; speechSeconds: number } | null;
  methods: Record<string, string>;
}
