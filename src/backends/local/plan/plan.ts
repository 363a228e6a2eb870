import { LetterError } from '../../../core/errors.js';
import { TextLook, type Segment, type Timeline, type Track } from '../../../core/timeline/model.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { LOCAL_ACCEPTED_SENTENCE } from '../../../core/media/formats.js';
import { MAX_LETTER_SECONDS, letterTooLong } from '../limits.js';
import { chosenMusic, chosenVoice, voicePlacements } from './audio.js';
import {
  CLOSING_SECONDS,
  LINE_FLOOR_SECONDS,
  LINE_GAP_SECONDS,
  NARRATION_LEAD_SECONDS,
  TITLE_SECONDS,
  VOICE_TAIL_SECONDS,
} from './pacing.js';
import { letterBeats, onTheBeat } from './beat-cuts.js';
import { layoutShots, orderedShots, picturesSeconds } from './shots.js';
import { freeStretches, momentWords } from './moment-words.js';
import { messageLines, messageSegments, paceOver } from './message-pacing.js';
import { framedMotion } from './motion.js';
import { backToBack, placeRecordings, type PlacedRecording, type Recording } from './voices.js';
import { spokenPhrases, type SpokenPhrase } from '../voice/phrases.js';
import { readsMessage } from '../voice/reading.js';

const round = (s: number) => Math.round(s * 1000) / 1000;

/** When the voice recording starts: as the title card fades, or just after the first photo appears. */
export function voiceStart(settings: LetterSettings): number {
  return settings.title ? TITLE_SECONDS - 0.5 : 0.5;
}

/** Photos on screen at least this fraction of their usual minimum when the person asks for a short letter. */
const SQUEEZED_PHOTO_PACE = 0.4;

/**
 * The letter's length: long enough for the pictures (`pictures` seconds at the chosen pace), for
 * every line of the message (read, or spoken when `spoken` is given), and for the whole voice
 * recording with a breath after it. A length the person asked for wins, longer or shorter, but
 * never below what the text needs at the floor per line (a spoken line in full), the voice needs
 * in full, and the pictures need at their quickest (`quickest` seconds).
 */
export function letterDuration(
  settings: LetterSettings,
  pictures: number,
  voiceSeconds = 0,
  quickest = pictures,
  spoken?: readonly number[],
): number {
  const lines = messageLines(settings, spoken);
  const frame = (settings.title ? TITLE_SECONDS : 0.5) + (settings.closing ? CLOSING_SECONDS : 0.5);
  const reading = lines.reduce((sum, l) => sum + l.wanted + LINE_GAP_SECONDS, 0);
  const voice = voiceSeconds > 0 ? voiceStart(settings) + voiceSeconds + VOICE_TAIL_SECONDS : 0;
  if (settings.lengthSeconds === null) return round(Math.max(frame + reading, pictures, voice, 6));
  const least = Math.max(frame + lines.reduce((sum, l) => sum + l.least + LINE_GAP_SECONDS, 0), voice, quickest, 6);
  return round(Math.max(settings.lengthSeconds, least));
}

/** The fade-in and fade-out the letter always had; a timeline says its fades only when they differ. */
const USUAL_FADES = { start: 0.6, end: 0.8 };

/**
 * Pure: settings + media → the Timeline the renderer compiles. `spoken` holds, when the message
 * is read aloud, each line's speech in seconds (see voice/narrate.ts).
 */
export function planLetter(settings: LetterSettings, media: StoredMedia[], spoken?: readonly number[]): Timeline {
  const shots = orderedShots(settings, media);
  if (shots.length === 0) {
    throw new LetterError(
      'nothing_to_render',
      `The letter has no photos or clips yet. Upload at least one photo or video clip with upload_media, then call generate_letter. ${LOCAL_ACCEPTED_SENTENCE}`,
    );
  }
  // Read aloud, the message is the voice: a recording would talk over it.
  const recordings = spoken ? [] : chosenRecordings(settings, media);
  const captionVoice = recordings.find((r) => r.media.id === chosenVoice(settings, media)?.id) ?? recordings[0];
  const heard = spokenCaptions(settings, captionVoice?.media);
  // Captions that follow the voice take its time, not a reading pace of the typed message.
  const paced = heard ? { ...settings, message: '' } : settings;
  const atEnd = recordings.filter((r) => r.at === 'end');
  const before = letterDuration(
    paced,
    picturesSeconds(shots, settings.pace, settings.transitions),
    backToBack(recordings.filter((r) => r.at !== 'end')),
    picturesSeconds(shots, SQUEEZED_PHOTO_PACE, settings.transitions),
    spoken,
  );
  const closingSeconds = settings.closing ? CLOSING_SECONDS : 0.5;
  // Recordings at the end play once everything else has been said, and the letter grows to hold them.
  let duration = atEnd.length ? round(before + backToBack(atEnd) + VOICE_TAIL_SECONDS) : before;
  // Before anything is laid out: no mix of message, voice, clips and asked length plans hours.
  if (duration > MAX_LETTER_SECONDS) throw new LetterError('too_long', letterTooLong(duration));
  let video: Segment[] = [];
  let voices: PlacedRecording[] = [];
  // Where a recording plays depends on where its moment is, which depends on the length: a few
  // rounds settle it, and the last round lays out the length it ends with.
  for (let attempt = 0; ; attempt++) {
    video = layoutShots(shots, duration, settings.aspect, settings.clips.volume, framedMotion, settings.transitions);
    const endsFrom = duration - closingSeconds - VOICE_TAIL_SECONDS - backToBack(atEnd);
    voices = placeRecordings(recordings, video, voiceStart(settings), endsFrom);
    const heardUntil =
      heard && captionVoice ? voiceAt(voices, captionVoice) + (heard.at(-1) as SpokenPhrase).end + closingSeconds : 0;
    const needed = Math.max(
      heardUntil,
      roomForWords(paced, video, cardsOf(settings, duration), spoken) +
        (atEnd.length ? backToBack(atEnd) + VOICE_TAIL_SECONDS : 0),
      ...voices.map((v) => v.end + VOICE_TAIL_SECONDS + (v.at === 'start' ? 0 : closingSeconds)),
    );
    if (needed <= duration + 0.001 || attempt === 4) break;
    duration = round(needed);
  }
  if (duration > MAX_LETTER_SECONDS) throw new LetterError('too_long', letterTooLong(duration));

  const firstAtEnd = voices.find((v) => v.at === 'end')?.start;
  const wordsOver = (shots: Segment[]) => {
    const pinned = settings.pins.filter((p) => shots.some((s) => s.mediaId === p.mediaId)).map((p) => p.line);
    const own = momentWords(paced, shots, pinned, cardsOf(settings, duration));
    const message = heard
      ? spokenSegments(heard, captionVoice ? voiceAt(voices, captionVoice) : voiceStart(settings)).map(
          (segment): { segment: Segment; speech?: number } => ({ segment }),
        )
      : messageSegments(settings, firstAtEnd ?? duration - closingSeconds, spoken, own, pinned);
    return { own, message };
  };
  // Photo changes on the music's beats; a recording placed with a moment starts with it, so then they stay.
  const beats = recordings.some((r) => typeof r.at === 'object') ? [] : letterBeats(settings, media, duration);
  const cut = onTheBeat(video, beats, settings, wordsOver, (w) => ({
    lines: w.message.map((m) => m.segment),
    own: w.own.flatMap((o) => o.segments),
  }));
  video = cut.video;
  const { own, message } = cut.words;

  const tracks: Track[] = [{ type: 'video', role: 'video', name: 'Video', segments: video }];
  const music = chosenMusic(settings, media);
  if (music) {
    const label =
      music.kind === 'upload' ? music.media.fileName : music.mood.charAt(0).toUpperCase() + music.mood.slice(1);
    tracks.push({
      type: 'audio',
      role: 'music',
      name: 'BGM',
      segments: [
        {
          start: 0,
          end: duration,
          label,
          volume: settings.music.volume,
          ...(music.kind === 'upload' && { mediaId: music.media.id }),
        },
      ],
    });
  }
  if (voices.length) {
    tracks.push({
      type: 'audio',
      role: 'voice',
      name: 'Voice',
      segments: voices.map((v) => ({
        start: v.start,
        end: v.end,
        label: v.media.fileName,
        mediaId: v.media.id,
        volume: settings.voice.volume,
      })),
    });
  }
  const narration = message.flatMap(({ segment, speech }) => {
    if (speech === undefined) return [];
    const start = round(segment.start + NARRATION_LEAD_SECONDS);
    return [{ start, end: round(start + speech), label: 'Read aloud', text: segment.text ?? '', volume: 1 }];
  });
  if (narration.length) tracks.push({ type: 'audio', role: 'voice', name: 'Voice', segments: narration });
  if (settings.title) {
    tracks.push({
      type: 'text',
      role: 'title',
      name: 'Title',
      segments: [{ start: 0, end: TITLE_SECONDS, label: settings.title, text: settings.title }],
    });
  }
  const words = [...message.map((m) => m.segment), ...own.flatMap((o) => o.segments)].sort((a, b) => a.start - b.start);
  if (words.length) tracks.push({ type: 'text', role: 'message', name: 'Message', segments: words });
  if (settings.closing) {
    tracks.push({
      type: 'text',
      role: 'closing',
      name: 'Closing',
      segments: [
        { start: round(duration - CLOSING_SECONDS), end: duration, label: settings.closing, text: settings.closing },
      ],
    });
  }
  return {
    aspect: settings.aspect,
    style: settings.style,
    textPosition: settings.textPosition,
    duration,
    ...(JSON.stringify(settings.fades) !== JSON.stringify(USUAL_FADES) && { fades: settings.fades }),
    ...lookOf(settings),
    tracks,
  };
}

/**
 * How long the letter must be for the paced lines to fit around the moments' own words (a letter
 * whose length the person set keeps it; its lines then share the time as they can).
 */
function roomForWords(
  settings: LetterSettings,
  video: Segment[],
  cards: { from: number; to: number },
  spoken?: readonly number[],
): number {
  const pinned = settings.pins.filter((p) => video.some((s) => s.mediaId === p.mediaId)).map((p) => p.line);
  const own = momentWords(settings, video, pinned, cards);
  if (settings.lengthSeconds !== null || own.length === 0) return 0;
  const lines = messageLines(settings, spoken).filter((l) => !pinned.includes(l.text));
  const reading = lines.reduce((sum, l) => sum + l.wanted + LINE_GAP_SECONDS, 0);
  const frame = (settings.title ? TITLE_SECONDS : 0.5) + (settings.closing ? CLOSING_SECONDS : 0.5);
  const least = round(frame + reading + own.reduce((sum, o) => sum + o.end - o.start, 0));
  // Enough time in all may still be cut into stretches too short for a line: then a little more.
  const from = settings.title ? TITLE_SECONDS : 0.5;
  const fits =
    lines.length === 0 || paceOver(lines, freeStretches(from, cards.to - (settings.closing ? 0 : 0.5), own), true);
  return fits ? least : Math.max(least, cards.to + (settings.closing ? CLOSING_SECONDS : 0) + LINE_FLOOR_SECONDS);
}

/** When the title card has gone and when the closing card comes: moments' own words stay between. */
const cardsOf = (settings: LetterSettings, duration: number) => ({
  from: settings.title ? TITLE_SECONDS : 0,
  to: duration - (settings.closing ? CLOSING_SECONDS : 0),
});

/** The looks that differ from the usual one, for the timeline (absent when all are usual). */
function lookOf(settings: LetterSettings): Pick<Timeline, 'looks'> {
  const usual = JSON.stringify(TextLook.parse({}));
  const changed = Object.entries(settings.looks).filter(([, look]) => JSON.stringify(look) !== usual);
  return changed.length ? { looks: Object.fromEntries(changed) } : {};
}

/** The recordings that play, with their lengths; a recording of unknown length cannot be placed. */
function chosenRecordings(settings: LetterSettings, media: StoredMedia[]): Recording[] {
  return voicePlacements(settings, media).flatMap((p) => {
    const m = media.find((x) => x.id === p.mediaId);
    return m?.durationSeconds ? [{ media: m, seconds: m.durationSeconds, at: p.at }] : [];
  });
}

const voiceAt = (voices: PlacedRecording[], r: Recording) => voices.find((v) => v.media.id === r.media.id)?.start ?? 0;

/**
 * The voice recording's words as caption lines, when the person asked for them: the typed message
 * as typed, at the times it is said, when the recording reads it; otherwise the words heard.
 */
export function spokenCaptions(settings: LetterSettings, voice: StoredMedia | undefined): SpokenPhrase[] | undefined {
  if (settings.captions !== 'voice' || !voice) return undefined;
  const words = readsMessage(voice.reading, settings.message)
    ? voice.reading.words
    : voice.transcript?.status === 'done'
      ? voice.transcript.words
      : [];
  const phrases = spokenPhrases(words);
  return phrases.length ? phrases : undefined;
}

/** Caption lines placed where the voice says them in the letter. */
function spokenSegments(phrases: SpokenPhrase[], voiceAt: number): Segment[] {
  return phrases.map((p) => ({
    start: round(voiceAt + p.start),
    end: round(voiceAt + p.end),
    label: p.text,
    text: p.text,
  }));
}
