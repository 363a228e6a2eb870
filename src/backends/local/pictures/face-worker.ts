/**
 * The face finder's process: TensorFlow.js on its WebAssembly backend with face-api's tiny face
 * detector, loaded once and kept while photos come (faces.ts stops it when they stop). It answers
 * the server over IPC, and leaves as soon as the server does.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FaceRequest, FaceReply } from './faces.js';
import { agreedFaces, boxOnly, type SizedBox } from './agreed-faces.js';

type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

const require = createRequire(import.meta.url);
/** The detector's input square, the size of the copy it is given (416 missed faces at the edges of portrait photos). */
const INPUT_SIZE = 512;
/**
 * When 512 finds no face the copy is read again at these sizes: one size misses faces another
 * sees at once (a face scoring 0.39 at 512 scores 0.95 at 256, and the other way round). Tried
 * only then, so a photo whose faces 512 finds costs what it did.
 */
const OTHER_SIZES = [320, 416, 608];
/** Below this the detector's "faces" are mostly textures and shadows. */
const MIN_SCORE = 0.5;

async function loadDetector(): Promise<FaceApi> {
  // face-api's node-wasm build needs `@tensorflow/tfjs` and the wasm backend, whose .wasm files
  // ship in the npm package and are read from disk: nothing is downloaded.
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  // face-api's own typing of `tf` leaves out the engine calls; it is @tensorflow/tfjs itself.
  const tf = faceapi.tf as unknown as typeof import('@tensorflow/tfjs');
  await tf.setBackend('wasm');
  await tf.ready();
  const models = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
  return faceapi;
}

const detector = loadDetector();

process.on('message', (request: FaceRequest) => {
  void detect(request).then((reply) => process.send?.(reply));
});
// A server that stopped, however it stopped, closes the channel: nobody is left to answer.
process.on('disconnect', () => process.exit(0));

async function detect({ id, pixels, width, height }: FaceRequest): Promise<FaceReply> {
  try {
    const faceapi = await detector;
    const input = faceapi.tf.tensor3d(pixels, [height, width, 3], 'int32');
    try {
      const seenAt = async (inputSize: number): Promise<SizedBox[]> => {
        const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: MIN_SCORE });
        const seen = await faceapi.detectAllFaces(input, options);
        return seen.map(({ score, relativeBox: b }) => ({
          inputSize,
          score,
          x: b.x,
          y: b.y,
          width: b.width,
          height: b.height,
        }));
      };
      const own = await seenAt(INPUT_SIZE);
      if (own.length) return { id, faces: own.map(boxOnly) };
      const others: SizedBox[] = [];
      for (const [i, size] of OTHER_SIZES.entries()) {
        // Two sizes must agree: with nothing seen yet and one size left, none can (a photo with
        // no face is read at the two cheapest sizes only).
        if (!others.length && OTHER_SIZES.length - i < 2) break;
        others.push(...(await seenAt(size)));
      }
      return { id, faces: agreedFaces(others).map(boxOnly) };
    } finally {
      input.dispose();
    }
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}
