import type { Aspect } from '../../timeline/model.js';
import type { LetterRequest } from '../backend.js';

const ASPECT_WORDS: Record<Aspect, string> = { '16:9': 'landscape', '9:16': 'vertical', '1:1': 'square' };

export const DEFAULT_INSTRUCTION = 'Turn my written message and photos into a heartfelt video letter with background music.';

/**
 * The structured request as one chat message for NemoVideo's agent. It understands plain
 * language best when told concretely, so each field becomes its own sentence; photo ids are
 * replaced by their file names, which is what the agent saw at upload.
 */
export function composeInstruction(request: LetterRequest, pendingMessage: string | undefined, nameOf: (idOrName: string) => string): string {
  const lines: string[] = [request.instruction?.trim() || DEFAULT_INSTRUCTION];
  const message = request.message ?? pendingMessage;
  if (message) lines.push(`The letter's message: "${message}"`);
  if (request.title) lines.push(`Title card: "${request.title}"`);
  if (request.closing) lines.push(`Closing card: "${request.closing}"`);
  if (request.photoOrder?.length) lines.push(`Show the photos in this order: ${request.photoOrder.map(nameOf).join(', ')}.`);
  if (request.music) {
    const m = request.music;
    if (m.enabled === false) lines.push('No background music.');
    else {
      const mood = m.mood ? `, ${m.mood} mood` : '';
      const volume = m.volume !== undefined ? ` at ${Math.round(m.volume * 100)}% volume` : '';
      lines.push(`Background music${mood}${volume}.`);
    }
  }
  if (request.narration !== undefined) lines.push(request.narration ? 'Read the message aloud as a text-to-speech voiceover.' : 'Do not read the message aloud.');
  if (request.aspect) lines.push(`Aspect ratio ${request.aspect} (${ASPECT_WORDS[request.aspect]}).`);
  return lines.join('\n');
}
