import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Every setting comes from the environment, is parsed once and is typed from then on. */
const Env = z.object({
  VIDEO_LETTER_BACKEND: z.enum(['local', 'cloud']).default('local'),
  VIDEO_LETTER_HOME: z.string().min(1).optional(),
  VIDEO_LETTER_OUTPUT_DIR: z.string().min(1).optional(),
  VIDEO_LETTER_EXPORT_WAIT_SECONDS: z.coerce.number().min(0).default(40),
  VIDEO_LETTER_RENDER_CONCURRENCY: z.coerce.number().int().min(1).optional(),
  VIDEO_LETTER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VIDEO_LETTER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3917),
  VIDEO_LETTER_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  VIDEO_LETTER_ALLOWED_ORIGINS: z.string().optional(),
  VIDEO_LETTER_ALLOWED_HOSTS: z.string().optional(),
  VIDEO_LETTER_PUBLIC_URL: z.string().url().optional(),
  VIDEO_LETTER_PEOPLE_FILE: z.string().min(1).optional(),
  VIDEO_LETTER_AUTHORIZATION_SERVERS: z.string().optional(),
  VIDEO_LETTER_HTTP_MAX_BODY_MB: z.coerce.number().positive().default(16),
  VIDEO_LETTER_HTTP_MAX_SESSIONS: z.coerce.number().int().min(1).default(100),
  VIDEO_LETTER_HTTP_SESSIONS_PER_PERSON: z.coerce.number().int().min(1).default(10),
  VIDEO_LETTER_STORAGE_PER_PERSON_MB: z.coerce.number().positive().default(2048),
  VIDEO_LETTER_RENDERS_PER_PERSON: z.coerce.number().int().min(1).default(3),
  VIDEO_LETTER_HTTP_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  VIDEO_LETTER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(60),
  VIDEO_LETTER_DOWNLOAD_HOURS: z.coerce.number().positive().default(24),
  VIDEO_LETTER_URL_UPLOAD_MAX_MB: z.coerce.number().positive().default(200),
  VIDEO_LETTER_REDIS_URL: z.string().url().optional(),
  VIDEO_LETTER_WORKER_LOCK_SECONDS: z.coerce.number().min(1).default(30),
  VIDEO_LETTER_S3_BUCKET: z.string().min(1).optional(),
  VIDEO_LETTER_S3_ENDPOINT: z.string().url().optional(),
  VIDEO_LETTER_S3_REGION: z.string().min(1).default('us-east-1'),
  VIDEO_LETTER_PART_SECONDS: z.coerce.number().min(1).optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  NEMO_API_URL: z.string().url().default('https://mega-api-prod.nemovideo.ai'),
  NEMO_WEB_URL: z.string().url().default('https://nemovideo.com'),
  NEMO_TOKEN: z.string().min(1).optional(),
  NEMO_CLIENT_ID: z.string().min(1).optional(),
  NEMO_PLATFORM: z.enum(['clawhub', 'cursor', 'unknown']).optional(),
  NEMO_POLL_SECONDS: z.coerce.number().positive().default(30),
  NEMO_HEARTBEAT_SECONDS: z.coerce.number().positive().default(120),
  NEMO_EXPORT_CREDITS: z.coerce.number().min(0).default(0),
  VIDEO_LETTER_CONFIRM: z.enum(['auto', 'elicitation', 'two-step']).default('auto'),
});

/** Every setting the server reads from the environment (server.json lists the ones a person sets). */
export const SETTING_NAMES = Object.keys(Env.shape);

export interface Config {
  backend: 'local' | 'cloud';
  /** Where projects (media, timeline, jobs) live. */
  home: string;
  /** Where finished MP4s are written. */
  outputDir: string;
  /** How long export_video waits for a render before answering "still rendering". */
  exportWaitMs: number;
  renderConcurrency: number;
  /** Seconds of letter in one part (rendered, cached and, on workers, shared out on its own); absent: 4 s, previews 16 s. */
  partSeconds: number | undefined;
  logLevel: z.infer<typeof Env>['VIDEO_LETTER_LOG_LEVEL'];
  /** How a person is asked before credits are spent: a form where the client shows one, or the tool's two-step answer (src/mcp/ask-before-spending.ts). */
  confirm: z.infer<typeof Env>['VIDEO_LETTER_CONFIRM'];
  http: HttpConfig;
  /** Renders on a queue in Redis, taken by `video-letter-mcp worker` processes; absent: renders in this process. */
  sharedQueue: SharedQueueConfig | undefined;
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  cloud: {
    apiUrl: string;
    webUrl: string;
    token: string | undefined;
    clientId: string | undefined;
    platform: 'clawhub' | 'cursor' | 'unknown' | undefined;
    pollMs: number;
    heartbeatMs: number;
    /** What one cloud export costs in credits (the seed: none); above 0 an export needs `confirm`. */
    exportCredits: number;
  };
}

/** Hosted mode: Streamable HTTP for one person on this machine, or for many people with tokens. */
export interface HttpConfig {
  port: number;
  /** The address to listen on; anything but loopback needs people with tokens. */
  host: string;
  /** Browser origins allowed besides localhost ones. */
  allowedOrigins: string[];
  /** Host header names allowed besides localhost, 127.0.0.1 and [::1] (and the public URL's host). */
  allowedHosts: string[];
  /** How people reach this server (e.g. behind a TLS proxy); download links and the resource id use it. */
  publicUrl: string | undefined;
  /** people.json: person id → sha256 of their token. */
  peopleFile: string;
  /** OAuth authorization servers named in the protected resource metadata, for when one is put in front. */
  authorizationServers: string[];
  maxBodyBytes: number;
  maxSessions: number;
  /** What one person with a token may hold, so no one fills the server for the others. */
  perPerson: { sessions: number; storageBytes: number; renders: number };
  sessionIdleMs: number;
  shutdownGraceMs: number;
  downloadTtlMs: number;
  urlUploadMaxBytes: number;
}

export interface SharedQueueConfig {
  redisUrl: string;
  /** How long a worker's hold on a job lasts unrenewed: a worker silent this long is taken for dead and its job goes to another. */
  lockMs: number;
  /** Letters and exports travel through this bucket, for workers that do not share the data folder; absent: they share it. */
  bucket: BucketConfig | undefined;
}

/** S3-compatible object storage; its credentials are the AWS SDK's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws). */
export interface BucketConfig {
  name: string;
  /** For S3-compatible services (MinIO, R2, ...); absent: Amazon S3. */
  endpoint: string | undefined;
  region: string;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment settings: ${problems}`);
  }
  const e = parsed.data;
  if (e.VIDEO_LETTER_S3_BUCKET && !e.VIDEO_LETTER_REDIS_URL)
    throw new Error(
      'VIDEO_LETTER_S3_BUCKET is set without VIDEO_LETTER_REDIS_URL: the bucket carries letters between this server and render workers, which take their renders from Redis. Set VIDEO_LETTER_REDIS_URL too (redis://host:6379), or unset VIDEO_LETTER_S3_BUCKET.',
    );
  if (e.VIDEO_LETTER_S3_ENDPOINT && !e.VIDEO_LETTER_S3_BUCKET)
    throw new Error(
      'VIDEO_LETTER_S3_ENDPOINT is set without VIDEO_LETTER_S3_BUCKET: name the bucket letters travel through too, or unset the endpoint.',
    );
  const home = path.resolve(e.VIDEO_LETTER_HOME ?? path.join(os.homedir(), '.video-letter'));
  return {
    backend: e.VIDEO_LETTER_BACKEND,
    home,
    outputDir: path.resolve(e.VIDEO_LETTER_OUTPUT_DIR ?? path.join(home, 'exports')),
    exportWaitMs: e.VIDEO_LETTER_EXPORT_WAIT_SECONDS * 1000,
    // One render per pair of cores: x264 already uses every core it is given.
    renderConcurrency: e.VIDEO_LETTER_RENDER_CONCURRENCY ?? Math.max(1, Math.floor(os.availableParallelism() / 2)),
    partSeconds: e.VIDEO_LETTER_PART_SECONDS,
    logLevel: e.VIDEO_LETTER_LOG_LEVEL,
    confirm: e.VIDEO_LETTER_CONFIRM,
    http: {
      port: e.VIDEO_LETTER_HTTP_PORT,
      host: e.VIDEO_LETTER_HTTP_HOST,
      allowedOrigins: list(e.VIDEO_LETTER_ALLOWED_ORIGINS),
      allowedHosts: list(e.VIDEO_LETTER_ALLOWED_HOSTS),
      publicUrl: e.VIDEO_LETTER_PUBLIC_URL?.replace(/\/+$/, ''),
      peopleFile: path.resolve(e.VIDEO_LETTER_PEOPLE_FILE ?? path.join(home, 'people.json')),
      authorizationServers: list(e.VIDEO_LETTER_AUTHORIZATION_SERVERS),
      maxBodyBytes: Math.round(e.VIDEO_LETTER_HTTP_MAX_BODY_MB * 1024 * 1024),
      maxSessions: e.VIDEO_LETTER_HTTP_MAX_SESSIONS,
      perPerson: {
        sessions: e.VIDEO_LETTER_HTTP_SESSIONS_PER_PERSON,
        storageBytes: Math.round(e.VIDEO_LETTER_STORAGE_PER_PERSON_MB * 1024 * 1024),
        renders: e.VIDEO_LETTER_RENDERS_PER_PERSON,
      },
      sessionIdleMs: e.VIDEO_LETTER_HTTP_SESSION_IDLE_MINUTES * 60_000,
      shutdownGraceMs: e.VIDEO_LETTER_SHUTDOWN_GRACE_SECONDS * 1000,
      downloadTtlMs: e.VIDEO_LETTER_DOWNLOAD_HOURS * 3_600_000,
      urlUploadMaxBytes: Math.round(e.VIDEO_LETTER_URL_UPLOAD_MAX_MB * 1024 * 1024),
    },
    sharedQueue: e.VIDEO_LETTER_REDIS_URL
      ? {
          redisUrl: e.VIDEO_LETTER_REDIS_URL,
          lockMs: e.VIDEO_LETTER_WORKER_LOCK_SECONDS * 1000,
          bucket: e.VIDEO_LETTER_S3_BUCKET
            ? { name: e.VIDEO_LETTER_S3_BUCKET, endpoint: e.VIDEO_LETTER_S3_ENDPOINT, region: e.VIDEO_LETTER_S3_REGION }
            : undefined,
        }
      : undefined,
    ffmpegPath: e.FFMPEG_PATH,
    ffprobePath: e.FFPROBE_PATH,
    cloud: {
      apiUrl: e.NEMO_API_URL.replace(/\/+$/, ''),
      webUrl: e.NEMO_WEB_URL.replace(/\/+$/, ''),
      token: e.NEMO_TOKEN,
      clientId: e.NEMO_CLIENT_ID,
      platform: e.NEMO_PLATFORM,
      pollMs: e.NEMO_POLL_SECONDS * 1000,
      heartbeatMs: e.NEMO_HEARTBEAT_SECONDS * 1000,
      exportCredits: e.NEMO_EXPORT_CREDITS,
    },
  };
}
