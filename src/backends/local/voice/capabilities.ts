import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Capability } from '../../../core/backend.js';
import { INSTALL_SPEECH_ENGINE, speechEngineCommand } from './transcribe.js';

/** Whether `command` (a path, or a name looked up on the PATH) can be run here. */
function runnable(command: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = command.includes(path.sep)
    ? [command]
    : (env.PATH ?? '').split(path.delimiter).flatMap((dir) => (dir ? [path.join(dir, command)] : []));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * What the voice features need, said before a person needs them (get_state): finding the typed
 * message in a recording comes with the npm package on every computer; hearing a recording's own
 * words needs Debian's PocketSphinx, looked for on each call as it may be installed meanwhile.
 */
export function speechCapabilities(env: NodeJS.ProcessEnv = process.env): Capability[] {
  const free = runnable(speechEngineCommand(env), env);
  return [
    {
      feature: 'captions_from_typed_message_in_voice',
      available: true,
      sentence:
        'Captions can show the typed message, line by line, while a voice recording reads it (US English, built in).',
    },
    {
      feature: 'captions_from_any_speech',
      available: free,
      sentence: free
        ? "Captions can show a voice recording's own words when it does not read the typed message (PocketSphinx, US English)."
        : `Captions from a voice recording's own words (when it does not read the typed message) need PocketSphinx, not installed here: ${INSTALL_SPEECH_ENGINE}. Captions from the typed message read aloud work without it.`,
    },
  ];
}
