import { LetterError } from '../../../errors.js';
import type { Motion, Segment, Timeline, Track } from '../../../timeline/model.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { LOCAL_ACCEPTED_SENTENCE } from '../../../media/formats.js';
import { MAX_LETTER_SECONDS, letterTooLong } from '../limits.js';
import { chosenMusic, chosenVoice } from './audio.js';
import {
  CLOSING_SECONDS,
  LINE_FLOOR_SECONDS,
  LINE_GAP_SECONDS,
  NARRATION_LEAD_SECONDS,
  TITLE_SECONDS,
  VOICE_TAIL_SECONDS,
  narratedSeconds,
  readingSeconds,
  splitMessage,
} from './pacing.js';
import { layoutShots, orderedShots, picturesSeconds } from './shots.js';
import { spokenPhrases, type SpokenPhrase } from '../voice/phrases.js';

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * Gentle Ken Burns: alternate zooming in and out, and drift toward a different corner each time,
 * so consecutive photos never move the same way. The window centre stays inside the photo at the
 * larger zoom, so the picture never shows an edge.
 */
export function motionFor(index: number): Motion {
  const zoom = 1.12;
  const reach = 0.5 - 1 / (2 * zoom) - 0.004;
  const drifts: [number, number][] = [
    [1, 0.6],
    [-1, -0.5],
    [0.7, -1],
    [-0.6, 1],
  ];
  const [dx, dy] = drifts[index % drifts.length] as [number, number];
  const near = { zoom: 1, x: 0.5, y: 0.5 };
  const far = { zoom, x: round(0.5 + dx * reach), y: round(0.5 + dy * reach) };
  const [from, to] = index % 2 === 0 ? [near, far] : [far, near];
  return { fromZoom: from.zoom, toZoom: to.zoom, fromX: from.x, fromY: from.y, toX: to.x, toY: to.y };
}

/** When the voice recording starts: as the title card fades, or just after the first photo appears. */
export function voiceStart(settings: LetterSettings): number {
  return settings.title ? TITLE_SECONDS - 0.5 : 0.5;
}

/** Photos on screen at least this fraction of their usual minimum when the person asks for a short letter. */
const SQUEEZED_PHOTO_PACE = 0.4;

/**
 * The message's lines and how long each wants to be on screen: long enough to read at the
 * chosen pace, or, read aloud (`spoken` holds each line's speech in seconds), exactly while it is
 * spoken, and then `least` is that too: a spoken line is never cut short.
 */
function messageLines(settings: LetterSettings, spoken?: readonly number[]) {
  return splitMessage(settings.message).map((text, i) => {
    const speech = spoken?.[i];
    return speech === undefined
      ? { text, wanted: readingSeconds(text) * settings.pace, least: LINE_FLOOR_SECONDS, speech }
      : { text, wanted: narratedSeconds(speech), least: narratedSeconds(speech), speech };
  });
}

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
  const voice = spoken ? undefined : chosenVoice(settings, media);
  const heard = spokenCaptions(settings, voice);
  // Captions that follow the voice take its time, not a reading pace of the typed message.
  const paced = heard ? { ...settings, message: '' } : settings;
  const planned = letterDuration(
    paced,
    picturesSeconds(shots, settings.pace),
    voice?.durationSeconds ?? 0,
    picturesSeconds(shots, SQUEEZED_PHOTO_PACE),
    spoken,
  );
  // The closing card waits for the last spoken line to leave the screen.
  const duration = heard
    ? Math.max(
        planned,
        round(voiceStart(settings) + (heard.at(-1) as SpokenPhrase).end + (settings.closing ? CLOSING_SECONDS : 0.5)),
      )
    : planned;
  // Before anything is laid out: no mix of message, voice, clips and asked length plans hours.
  if (duration > MAX_LETTER_SECONDS) throw new LetterError('too_long', letterTooLong(duration));
  const video = layoutShots(shots, duration, settings.aspect, settings.clips.volume, motionFor);

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
  if (voice?.durationSeconds) {
    const start = voiceStart(settings);
    tracks.push({
      type: 'audio',
      role: 'voice',
      name: 'Voice',
      segments: [
        { start, end: round(start + voice.durationSeconds), label: voice.fileName, mediaId: voice.id, volume: 1 },
      ],
    });
  }
  const message = heard
    ? spokenSegments(heard, voiceStart(settings)).map((segment): { segment: Segment; speech?: number } => ({ segment }))
    : messageSegments(settings, duration, spoken);
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
  if (message.length)
    tracks.push({ type: 'text', role: 'message', name: 'Message', segments: message.map((m) => m.segment) });
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
  return { aspect: settings.aspect, style: settings.style, textPosition: settings.textPosition, duration, tracks };
}

/** The voice recording's words as caption lines, when the person asked for them and words were heard. */
export function spokenCaptions(settings: LetterSettings, voice: StoredMedia | undefined): SpokenPhrase[] | undefined {
  if (settings.captions !== 'voice' || voice?.transcript?.status !== 'done') return undefined;
  const phrases = spokenPhrases(voice.transcript.words);
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

/** Lines paced evenly between the title and the closing card, each on screen long enough to read (or while it is spoken). */
function messageSegments(
  settings: LetterSettings,
  duration: number,
  spoken?: readonly number[],
): { segment: Segment; speech?: number }[] {
  const lines = messageLines(settings, spoken);
  if (lines.length === 0) return [];
  const from = settings.title ? TITLE_SECONDS : 0.5;
  const to = duration - (settings.closing ? CLOSING_SECONDS : 0.5);
  const total = lines.reduce((sum, l) => sum + l.wanted, 0);
  // A length shorter than the text wants shares the time out, never below each line's least.
  const squeeze = Math.min(1, (to - from - lines.length * LINE_GAP_SECONDS) / total);
  const needed = lines.map((l) => Math.max(l.least, l.wanted * squeeze));
  const spare = Math.max(0, to - from - needed.reduce((a, b) => a + b, 0));
  const gap = spare / lines.length;
  let t = from + gap / 2;
  return lines.map((line, i) => {
    const start = round(t);
    t += (needed[i] ?? 0) + gap;
    const segment = { start, end: round(start + (needed[i] ?? 0)), label: line.text, text: line.text };
    return line.speech === undefined ? { segment } : { segment, speech: line.speech };
  });
}
