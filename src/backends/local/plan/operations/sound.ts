import { MusicMood, type MusicMood as Mood } from '../../../../core/timeline/model.js';
import type { EditOperation } from '../../../../core/timeline/operations.js';
import type { StoredMedia, VoicePlacement } from '../../project.js';
import { chosenVoice, voicePlacements, voiceRecordings } from '../audio.js';
import {
  clamp,
  findMoment,
  findRecording,
  findSong,
  percent,
  refuse,
  round2,
  type OperationContext,
  type OperationResult,
} from './context.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

const LEVEL_STEP = 0.1;
const VOICE_STEP = 0.25;
/** The built-in moods from calmest to liveliest, for "calmer" and "livelier". */
const MOOD_STEPS: Mood[] = ['gentle', 'warm', 'uplifting', 'celebration'];

const noRecording = () =>
  refuse('This letter has no voice recording: upload one with upload_media (role "voice"), then ask again.');

const placeSentence = (at: VoicePlacement['at'], media: StoredMedia[]) =>
  at === 'start'
    ? 'from the start'
    : at === 'end'
      ? 'at the end, before the closing card'
      : `from when ${media.find((m) => m.id === at.moment)?.fileName ?? at.moment} appears`;

export function voice(op: Op<'voice'>, ctx: OperationContext): OperationResult {
  const { settings, media } = ctx;
  if (voiceRecordings(media).length === 0) noRecording();
  if (!op.recording) {
    return {
      settings: { ...settings, voice: { ...settings.voice, enabled: op.on } },
      sentence: op.on ? 'The voice recording plays.' : 'The voice recording is left out (it is kept).',
    };
  }
  const recording = findRecording(op.recording, ctx);
  const placed = settings.voice.placements;
  if (op.on) {
    const next = placed.length
      ? placed.some((p) => p.mediaId === recording.id)
        ? placed
        : [...placed, { mediaId: recording.id, at: 'start' as const }]
      : [];
    return {
      settings: {
        ...settings,
        voice: { ...settings.voice, enabled: true, placements: next, ...(!placed.length && { mediaId: recording.id }) },
      },
      sentence: `${recording.fileName} plays.`,
    };
  }
  const left = voicePlacements({ ...settings, voice: { ...settings.voice, enabled: true } }, media).filter(
    (p) => p.mediaId !== recording.id,
  );
  return {
    settings: { ...settings, voice: { ...settings.voice, enabled: left.length > 0, placements: left } },
    sentence: `${recording.fileName} is left out (it is kept).`,
  };
}

export function voicePlace(op: Op<'voice_place'>, ctx: OperationContext): OperationResult {
  const { settings, media } = ctx;
  const playing = voicePlacements(settings, media);
  const recording = op.recording
    ? findRecording(op.recording, ctx)
    : (media.find((m) => m.id === playing[0]?.mediaId) ??
      chosenVoice({ ...settings, voice: { ...settings.voice, enabled: true } }, media) ??
      noRecording());
  if (playing.length > 1 && !op.recording)
    refuse(
      `Several voice recordings play (${playing.map((p) => media.find((m) => m.id === p.mediaId)?.fileName).join(', ')}); say which one to place.`,
    );
  const at = op.at === 'start' || op.at === 'end' ? op.at : { moment: findMoment(op.at.moment, ctx).id };
  const others = playing.filter((p) => p.mediaId !== recording.id);
  return {
    settings: {
      ...settings,
      voice: { ...settings.voice, enabled: true, placements: [...others, { mediaId: recording.id, at }] },
    },
    sentence: `${recording.fileName} plays ${placeSentence(at, media)}; the letter makes room for it.`,
  };
}

export function voiceLevel(op: Op<'voice_level'>, { settings, media }: OperationContext): OperationResult {
  if (voiceRecordings(media).length === 0) noRecording();
  const volume = round2(
    clamp(op.to ?? settings.voice.volume + (op.by ?? VOICE_STEP) * (op.change === 'softer' ? -1 : 1), 0.1, 2),
  );
  return {
    settings: { ...settings, voice: { ...settings.voice, volume } },
    sentence: `Voice recording at ${percent(volume)} of its evened-out level.`,
  };
}

export function music(op: Op<'music'>, { settings }: OperationContext): OperationResult {
  return {
    settings: { ...settings, music: { ...settings.music, enabled: op.on } },
    sentence: op.on ? `Background music on at ${percent(settings.music.volume)}.` : 'Background music turned off.',
  };
}

export function musicMood(op: Op<'music_mood'>, { settings }: OperationContext): OperationResult {
  const step = MOOD_STEPS.indexOf(settings.music.mood) + (op.change === 'calmer' ? -1 : 1);
  const mood = op.to ?? MOOD_STEPS[clamp(step, 0, MOOD_STEPS.length - 1)] ?? settings.music.mood;
  if (!op.to && mood === settings.music.mood && settings.music.mediaId === null && settings.music.enabled)
    refuse(
      `The music is already the ${op.change === 'calmer' ? 'calmest' : 'liveliest'} built-in mood (${mood}); moods: ${MusicMood.options.join(', ')}, or upload a song.`,
    );
  return {
    settings: { ...settings, music: { ...settings.music, enabled: true, mood, mediaId: null } },
    sentence: `Music: the built-in ${mood} tune at ${percent(settings.music.volume)}.`,
  };
}

export function musicSong(op: Op<'music_song'>, ctx: OperationContext): OperationResult {
  const song = findSong(op.song, ctx);
  return {
    settings: { ...ctx.settings, music: { ...ctx.settings.music, enabled: true, mediaId: song.id } },
    sentence: `Music: ${song.fileName} at ${percent(ctx.settings.music.volume)}.`,
  };
}

export function musicLevel(op: Op<'music_level'>, { settings }: OperationContext): OperationResult {
  const volume = round2(
    clamp(op.to ?? settings.music.volume + (op.by ?? LEVEL_STEP) * (op.change === 'softer' ? -1 : 1), 0, 1),
  );
  if (volume === settings.music.volume && op.change)
    refuse(`The music is already as ${op.change === 'softer' ? 'soft' : 'loud'} as it goes (${percent(volume)}).`);
  return {
    settings: { ...settings, music: { ...settings.music, volume } },
    sentence: `Music at ${percent(volume)} (was ${percent(settings.music.volume)}), under the voice by the same amount throughout.`,
  };
}
