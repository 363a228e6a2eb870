import { McpServer } from '@modelcontextprotocol/server';
import { registerPlayerApp } from './app/player.js';
import { forwardLogs } from './client-log.js';
import type { LogRelay } from '../log.js';
import { registerPrompts } from './prompts/index.js';
import { followLetters, registerLetterResources } from './resources/index.js';
import { LOCAL_POLICY } from './caller-policy.js';
import type { ToolDeps } from './tools/deps.js';
import { answerBadCalls, errorsSaidOnce } from './tools/protocol-errors.js';
import { toolListMadeOnce } from './tools/tool-list.js';
import { exportAsTask, registerExportVideoTool } from './tools/export-video.js';
import { offerTasks } from './tasks/extension.js';
import { registerGenerateLetterTool } from './tools/generate-letter.js';
import { registerGetCreditsTool } from './tools/get-credits.js';
import { registerGetStateTool } from './tools/get-state.js';
import { registerUploadMediaTool } from './tools/upload-media.js';
import { registerVideoLetterTool } from './tools/video-letter.js';
import { HOMEPAGE, VERSION } from '../version.js';
import { iconsOf, SERVER_ICON } from './icons.js';

export { VERSION };

const INSTRUCTIONS =
  "video-letter-mcp turns a person's message, photos, clips and voice recording into a video letter (MP4). " +
  'Usual flow: upload_media for each file (the first call returns project_id), generate_letter with the message, title and ' +
  'closing, get_state to check, export_video to render. Edits are plain-language instructions to generate_letter. ' +
  'Each letter is also readable as letter://<project_id>/… resources (state, storyboard, finished videos and captions).';

export interface ServerDeps extends Omit<ToolDeps, 'policy' | 'confirm'> {
  /** What the caller may name, fetch and see; a person on this computer (stdio) when absent. */
  policy?: ToolDeps['policy'];
  /** How the person is asked before credits are spent (VIDEO_LETTER_CONFIRM); `auto` when absent. */
  confirm?: ToolDeps['confirm'];
  /** The server's log records, passed on to clients as MCP log messages when given. */
  logs?: LogRelay;
}

/** Builds the MCP server around a backend; transports are attached by the caller. No I/O of its own. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    {
      name: 'video-letter-mcp',
      title: 'Video Letter',
      version: VERSION,
      websiteUrl: HOMEPAGE,
      icons: iconsOf(SERVER_ICON),
    },
    {
      instructions: INSTRUCTIONS,
      capabilities: {
        logging: {},
        resources: { subscribe: true, listChanged: true },
      },
    },
  );
  const toolDeps: ToolDeps = {
    backend: deps.backend,
    log: deps.log,
    policy: deps.policy ?? LOCAL_POLICY,
    confirm: deps.confirm ?? 'auto',
  };
  for (const register of [
    registerUploadMediaTool,
    registerGenerateLetterTool,
    registerGetStateTool,
    registerGetCreditsTool,
    registerExportVideoTool,
    registerVideoLetterTool,
  ]) {
    register(server, toolDeps);
  }
  answerBadCalls(server);
  offerTasks(server, deps.backend, deps.log, { export_video: exportAsTask(toolDeps) });
  toolListMadeOnce(server);
  const connect = server.connect.bind(server);
  server.connect = (transport) => connect(errorsSaidOnce(transport));
  registerLetterResources(server, deps.backend, toolDeps.policy);
  registerPlayerApp(server);
  registerPrompts(server, deps.backend);
  const stops = [followLetters(server, deps.backend), ...(deps.logs ? [forwardLogs(server, deps.logs)] : [])];
  server.server.onclose = () => {
    for (const stop of stops) stop();
  };
  return server;
}
