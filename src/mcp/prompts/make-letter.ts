import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';

/** The edit vocabulary in a few everyday examples, shared by both prompts. */
export const EDIT_EXAMPLES =
  'It understands everyday wishes, several in one sentence: "swap the first two photos and put \'our first home\' on the beach one", ' +
  '"hold the beach photo for 6 seconds", "only the first two seconds of the clip", "move the voice message to the end", ' +
  '"make the voice louder than the music", "calmer music", "bigger captions", "fade to black at the end", "make it vertical", ' +
  '"make it a birthday letter", "标题改成 生日快乐". When the reply says a wish could mean two things or was not understood, ' +
  "nothing changed: ask me which reading I meant, then send it as generate_letter's edits exactly as the reply gives them.";

export function makeLetterMessages(args: {
  recipient: string;
  occasion?: string | undefined;
  photos_folder?: string | undefined;
}): string {
  const occasion = args.occasion ? ` for ${args.occasion}` : '';
  const photos = args.photos_folder
    ? `Start with the photos, clips and voice recordings in ${args.photos_folder}: call upload_media with that folder as path (every usable file in it is added; the first call returns the project_id, pass it on every later call).`
    : 'Ask me for the photos, clips or a voice recording to use, then call upload_media for each (the first call returns the project_id; pass it on every later call).';
  return [
    `Please make a video letter for ${args.recipient}${occasion}.`,
    '',
    `1. ${photos}`,
    `2. Ask me what I want to say to ${args.recipient}, or help me write it: a few warm sentences in my own voice. Suggest a title (for example "Dear ${args.recipient}") and a closing line.`,
    '3. Call generate_letter with the message, title and closing (a message that opens "Dear …," and ends "With love, …" makes the title and closing cards by itself).',
    '4. Call get_state with storyboard: true and show me the storyboard; ask if I want changes and make them with generate_letter, passing my words as its instruction. ' +
      EDIT_EXAMPLES,
    '5. When I am happy, call export_video. If it answers "rendering", call it again with the same arguments until the video is ready, then tell me where it is.',
  ].join('\n');
}

/** "Make a video letter": the whole way from photos to an MP4, as a slash command. */
export function registerMakeLetterPrompt(server: McpServer): void {
  server.registerPrompt(
    'make_video_letter',
    {
      title: 'Make a video letter',
      description:
        'Leads the assistant through a new video letter: upload the photos, write the message, check the storyboard, export the MP4.',
      argsSchema: z.object({
        recipient: z.string().describe('Who the letter is for, e.g. "Grandma" or "my brother Tom".'),
        occasion: z
          .string()
          .optional()
          .describe('What it is for, e.g. "her 80th birthday" or "our wedding anniversary".'),
        photos_folder: z
          .string()
          .optional()
          .describe('A folder on this computer with the photos, clips and voice recordings to use.'),
      }),
    },
    (args) => ({
      description: `A video letter for ${args.recipient}`,
      messages: [{ role: 'user', content: { type: 'text', text: makeLetterMessages(args) } }],
    }),
  );
}
