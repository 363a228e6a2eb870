import { aspectInWords } from '../../../core/timeline/aspect.js';
import type { LetterRequest } from '../../../core/backend.js';

export const DEFAULT_INSTRUCTION =
  'Turn my written message and photos into a heartfelt video letter with background music.';

/**
 * The structured request as one chat message for NemoVideo's agent. It understands plain
 * language best when told concretely, so each field becomes its own sentence; photo ids are
 * replaced by their file names, which is what the agent saw at upload. The edit operations'
 * words (`editWords`) come last, as they apply after the instruction and the fields; a call with
 * only edits on a letter that exists sends only them, not the default "make a letter" request.
 */
export function composeInstruction(
  request: LetterRequest,
  pendingMessage: string | undefined,
  nameOf: (idOrName: string) => string,
  editWords: string[] = [],
  hasDraft = false,
): string {
  const lead = request.instruction?.trim() || (editWords.length > 0 && hasDraft ? '' : DEFAULT_INSTRUCTION);
  const lines: string[] = lead ? [lead] : [];
  const message = request.message ?? pendingMessage;
  if (message) lines.push(`The letter's message: "${message}"`);
  // An empty title or closing means "remove it", as with the local engine.
  if (request.title !== undefined) lines.push(request.title ? `Title card: "${request.title}"` : 'No title card.');
  if (request.closing !== undefined)
    lines.push(request.closing ? `Closing card: "${request.closing}"` : 'No closing card.');
  if (request.photoOrder?.length)
    lines.push(`Show the photos in this order: ${request.photoOrder.map(nameOf).join(', ')}.`);
  if (request.music) {
    const m = request.music;
    if (m.enabled === false) lines.push('No background music.');
    else {
      const mood = m.mood ? `, ${m.mood} mood` : '';
      const volume = m.volume !== undefined ? ` at ${Math.round(m.volume * 100)}% volume` : '';
      lines.push(`Background music${mood}${volume}.`);
    }
  }
  if (request.voice !== undefined)
    lines.push(request.voice ? 'Play my voice recording in the letter.' : 'Leave my voice recording out.');
  if (request.pace !== undefined) lines.push(`Reading pace ${request.pace}x: ${paceWords(request.pace)}.`);
  if (request.lengthSeconds !== undefined) {
    lines.push(
      request.lengthSeconds === null
        ? 'Let the text and voice decide the length.'
        : `Make the letter ${request.lengthSeconds} seconds long.`,
    );
  }
  if (request.style) lines.push(`Colour look: ${request.style}.`);
  if (request.textPosition)
    lines.push(
      `Put the message text at the ${request.textPosition === 'center' ? 'centre' : request.textPosition} of the frame.`,
    );
  if (request.clips?.maxSeconds !== undefined)
    lines.push(`Play each video clip for at most ${request.clips.maxSeconds} seconds.`);
  if (request.clips?.volume !== undefined)
    lines.push(
      request.clips.volume === 0
        ? "Mute the clips' own sound."
        : `Clips' own sound at ${Math.round(request.clips.volume * 100)}% volume.`,
    );
  if (request.narration !== undefined)
    lines.push(
      request.narration ? 'Read the message aloud as a text-to-speech voiceover.' : 'Do not read the message aloud.',
    );
  if (request.aspect) lines.push(`Aspect ratio ${aspectInWords(request.aspect)}.`);
  lines.push(...editWords);
  return lines.join('\n');
}

/** The local engine's pace (1 = about 180 words a minute; higher keeps lines longer on screen) in words. */
function paceWords(pace: number): string {
  const wpm = Math.round(180 / pace);
  if (pace > 1) return `each line stays longer on screen (about ${wpm} words a minute)`;
  if (pace < 1) return `lines move on faster (about ${wpm} words a minute)`;
  return `about ${wpm} words a minute`;
}
