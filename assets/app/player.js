// The in-chat player: shows a letter's storyboard, plays its latest export with captions, and
// offers "Export final" / "Make it vertical", which call the server's tools through the host.
const { App, PostMessageTransport } = globalThis.McpExtApps;

const $ = (id) => document.getElementById(id);
const app = new App({ name: 'video-letter-player', version: '1.0.0' }, {});
let projectId;
let aspect;
let busy = false;
let objectUrls = [];

const say = (text) => { $('status').textContent = text; };

function bytesOf(base64) {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Renders can keep a call open for a while (the server waits for them), so tool calls get time. */
const call = (name, args) => app.callServerTool({ name, arguments: args }, { timeout: 10 * 60_000 });

async function read(uri) {
  const { contents } = await app.readServerResource({ uri });
  return contents[0];
}

/** SubRip to WebVTT, which is what a <track> plays. */
function vttOf(srt) {
  return 'WEBVTT\n\n' + srt.replace(/\r/g, '').replace(/(\d\d:\d\d:\d\d),(\d{3})/g, '$1.$2');
}

/** A blob URL of some bytes (one piece, or a list of pieces in order). */
function urlOf(bytes, type) {
  const url = URL.createObjectURL(new Blob(Array.isArray(bytes) ? bytes : [bytes], { type }));
  objectUrls.push(url);
  return url;
}

/**
 * A video is read as a list of parts (text/uri-list) so no message is too large for the host; the
 * parts are read in order and joined into one MP4.
 */
async function readVideo(uri) {
  const list = await read(uri);
  const parts = list.text.split(/\r?\n/).filter((line) => line && !line.startsWith('#'));
  const chunks = [];
  for (const [i, part] of parts.entries()) {
    if (parts.length > 1) say(`Loading the video… ${Math.round((i / parts.length) * 100)}%`);
    chunks.push(bytesOf((await read(part)).blob));
  }
  return chunks;
}

async function showStoryboard() {
  try {
    const sheet = await read(`letter://${projectId}/storyboard.jpg`);
    $('storyboard').src = `data:${sheet.mimeType};base64,${sheet.blob}`;
    $('storyboard-figure').hidden = false;
  } catch {
    $('storyboard-figure').hidden = true;
  }
}

async function play(jobId, quality) {
  say(`Loading the ${quality === 'preview' ? 'preview' : 'video'}…`);
  const mp4 = await readVideo(`letter://${projectId}/video/${jobId}`);
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  const video = $('video');
  video.replaceChildren();
  try {
    const srt = await read(`letter://${projectId}/captions/${jobId}`);
    const track = Object.assign(document.createElement('track'), { kind: 'captions', label: 'Words', srclang: 'en', src: urlOf(vttOf(srt.text), 'text/vtt') });
    video.append(track);
    // The words are already drawn in the picture: the captions load (for the captions menu and
    // screen readers) without being drawn a second time over them.
    track.track.mode = 'hidden';
  } catch {
    // A letter without words has no captions; the video plays on its own.
  }
  video.src = urlOf(mp4, 'video/mp4');
  video.hidden = false;
  say(quality === 'preview' ? 'Preview (540p). Export final for the full 1080p letter.' : 'The finished letter.');
}

/** Shows the letter as it is now: title, summary, storyboard and its latest finished export. */
async function refresh(preferredJob) {
  const state = JSON.parse((await read(`letter://${projectId}/state`)).text);
  const title = state.timeline?.tracks.find((t) => t.role === 'title')?.segments[0];
  $('title').textContent = title ? (title.text ?? title.label) : 'Video letter';
  $('summary').textContent = state.summary;
  aspect = state.timeline?.aspect;
  await showStoryboard();
  const done = state.renders.filter((r) => r.status === 'done' && r.path);
  const job = done.find((r) => r.job_id === preferredJob) ?? done.at(-1);
  if (job) await play(job.job_id, job.quality);
  else {
    $('video').hidden = true;
    say('Not exported yet: Export final renders the video.');
  }
}

/** A tool result from the host or from a button: follow a render until it is done, then show the letter. */
async function follow(structured) {
  if (structured?.project_id) projectId = structured.project_id;
  if (!projectId) return say('This tool result names no letter.');
  let result = structured;
  while (result && (result.status === 'queued' || result.status === 'rendering')) {
    say(`Rendering${typeof result.percent === 'number' ? ` ${result.percent}%` : ''}…`);
    result = (await call('export_video', { project_id: projectId, quality: result.quality ?? 'final' })).structuredContent;
  }
  if (result?.error) say(result.error.message);
  await refresh(result?.status === 'done' ? result.job_id : undefined);
}

/** Buttons work when nothing is under way; a vertical letter has no "make it vertical". */
function enableButtons() {
  $('export-final').disabled = busy || !projectId;
  $('make-vertical').disabled = busy || !projectId || aspect === '9:16';
}

async function run(label, steps) {
  busy = true;
  enableButtons();
  say(label);
  try {
    await steps();
  } catch (e) {
    say(`Something went wrong: ${e?.message ?? e}`);
  } finally {
    busy = false;
    enableButtons();
  }
}

$('export-final').addEventListener('click', () => run('Rendering the final letter…', async () => {
  const r = await call('export_video', { project_id: projectId, quality: 'final' });
  await follow({ quality: 'final', ...r.structuredContent });
}));

$('make-vertical').addEventListener('click', () => run('Making it vertical…', async () => {
  const edit = await call('generate_letter', { project_id: projectId, aspect: '9:16' });
  if (edit.isError) return say(edit.content?.[0]?.text ?? 'The letter could not be changed.');
  say('Vertical now; rendering a preview…');
  const r = await call('export_video', { project_id: projectId, quality: 'preview' });
  await follow({ quality: 'preview', ...r.structuredContent });
}));

app.ontoolresult = (result) => void run('Opening the letter…', () => follow(result.structuredContent));
await app.connect(new PostMessageTransport(window.parent, window.parent));
