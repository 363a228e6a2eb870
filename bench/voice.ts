/**
 * A voice-like recording made in plain Node, so the benchmark needs no microphone and no speech
 * engine: a glottal buzz (harmonics of a gliding pitch) shaped by two moving formants, spoken in
 * syllables of about 4 a second with pauses between phrases. Interleaved stereo in -1..1.
 */
export function synthesizeVoice(seconds: number, sampleRate = 48000): Float32Array {
  const frames = Math.round(seconds * sampleRate);
  const out = new Float32Array(frames * 2);
  let phase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const phrase = t % 4.5;
    const speaking = phrase < 3.6 ? 1 : 0;
    const syllable = Math.max(0, Math.sin(Math.PI * ((t * 4.2) % 1))) ** 1.5;
    const pitch = 135 + 25 * Math.sin(2 * Math.PI * 0.35 * t) + 6 * Math.sin(2 * Math.PI * 5 * t);
    phase += (2 * Math.PI * pitch) / sampleRate;
    const f1 = 500 + 250 * Math.sin(2 * Math.PI * 2.1 * t);
    const f2 = 1500 + 500 * Math.sin(2 * Math.PI * 1.3 * t + 1);
    let v = 0;
    for (let h = 1; h <= 24; h++) {
      const f = h * pitch;
      const formants = Math.exp(-(((f - f1) / 180) ** 2)) + 0.6 * Math.exp(-(((f - f2) / 250) ** 2)) + 0.05;
      v += (formants / h) * Math.sin(h * phase);
    }
    const sample = 0.5 * speaking * syllable * v;
    out[i * 2] = sample;
    out[i * 2 + 1] = sample;
  }
  return out;
}
