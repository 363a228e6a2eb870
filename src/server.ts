import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createRequire } from 'node:module';
import type { ToolDeps } from './tools/deps.js';
import { registerExportVideoTool } from './tools/export-video.js';
import { registerGenerateLetterTool } from './tools/generate-letter.js';
import { registerGetCreditsTool } from './tools/get-credits.js';
import { registerGetStateTool } from './tools/get-state.js';
import { registerUploadMediaTool } from './tools/upload-media.js';
import { registerVideoLetterTool } from './tools/video-letter.js';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
export const VERSION = pkg.version;

const INSTRUCTIONS =
  'video-letter-mcp turns a person\'s message, photos, clips and voice recording into a video letter (MP4). ' +
  'Usual flow: upload_media for each file (the first call returns project_id), generate_letter with the message, title and ' +
  'closing, get_state to check, export_video to render. Edits are plain-language instructions to generate_letter.';

/** Builds the MCP server around a backend; transports are attached by the caller. No I/O of its own. */
export function createServer(deps: ToolDeps): McpServer {
  const server = new McpServer({ name: 'video-letter-mcp', version: VERSION }, { instructions: INSTRUCTIONS });
  for (const register of [
    registerUploadMediaTool, registerGenerateLetterTool, registerGetStateTool, registerGetCreditsTool, registerExportVideoTool, registerVideoLetterTool,
  ]) {
    register(server, deps);
  }
  return server;
}
