import { z } from 'zod';
import { MusicMood } from '../model.js';
import { MomentRef, RecordingRef, oneOfToOrChange } from './refs.js';

/** Plays a voice recording, or leaves it (or every recording) out. */
export const Voice = z.object({
  op: z.literal('voice'),
  /** true plays it, false leaves it out. */
  on: z.boolean(),
  /** Which recording; default the one playing now (on: the latest upload; off: all of them). */
  recording: RecordingRef.optional(),
});

/**
 * Where a voice recording plays: from the start, at the end (the letter closes after it), or
 * starting with a moment. The letter makes room for it: the moments around it stay on screen
 * while it plays. Placing a recording that was not playing also turns it on, so several can play.
 */
export const VoicePlace = z.object({
  op: z.literal('voice_place'),
  /** Which recording; default the one playing now. */
  recording: RecordingRef.optional(),
  /** "start", "end", or the moment it starts with. */
  at: z.union([z.literal('start'), z.literal('end'), z.object({ moment: MomentRef })]),
});

/** The voice recordings' level: set (`to`, 0..2, 1 = as recorded) or louder/softer (`by`, default 0.25). */
export const VoiceLevel = z
  .object({
    op: z.literal('voice_level'),
    /** Level 0.1..2: 1 = as recorded. */
    to: z.number().min(0.1).max(2).optional(),
    /** Louder or softer than now. */
    change: z.enum(['louder', 'softer']).optional(),
    /** How much, in level units; default 0.25. */
    by: z.number().positive().max(2).optional(),
  })
  .refine(...oneOfToOrChange);

/** Background music on or off (off keeps the chosen song and mood for when it comes back). */
export const Music = z.object({
  op: z.literal('music'),
  /** true plays music, false silences it. */
  on: z.boolean(),
});

/**
 * The built-in music's mood, set (`to`) or moved one step calmer or livelier
 * (gentle < warm < uplifting < celebration). Choosing a mood switches from an uploaded song to the
 * built-in music and turns music on.
 */
export const MusicMoodOp = z
  .object({
    op: z.literal('music_mood'),
    /** warm, gentle, uplifting or celebration. */
    to: MusicMood.optional(),
    /** One step calmer or livelier than now. */
    change: z.enum(['calmer', 'livelier']).optional(),
  })
  .refine(...oneOfToOrChange);

/** Plays an uploaded song (an audio upload marked as music) instead of the built-in music. */
export const MusicSong = z.object({
  op: z.literal('music_song'),
  /** The song upload, by id, file name or position among the songs. */
  song: RecordingRef,
});

/**
 * How loud the music is, relative to the voice: set (`to`, 0..1, 0.35 = the default: well under
 * the voice) or louder/softer (`by` level points, default 0.1). The same change is heard
 * everywhere in the letter, also where no one speaks: levelling the whole letter's loudness never
 * undoes it. "Voice louder than the music" is music_level softer.
 */
export const MusicLevel = z
  .object({
    op: z.literal('music_level'),
    /** Level 0..1 (0.35 = 35%). */
    to: z.number().min(0).max(1).optional(),
    /** Louder or softer than now. */
    change: z.enum(['louder', 'softer']).optional(),
    /** How much, in level points (0.1 = ten points, e.g. 35% -> 25%); default 0.1. */
    by: z.number().positive().max(1).optional(),
  })
  .refine(...oneOfToOrChange);

export const SOUND_OPERATIONS = [Voice, VoicePlace, VoiceLevel, Music, MusicMoodOp, MusicSong, MusicLevel] as const;
