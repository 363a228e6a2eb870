import { clamp, type EditRule } from './rule.js';

/** One step slower or faster: each line stays a quarter longer (or shorter) on screen. */
export const PACE_STEP = 1.25;

export const paceRule: EditRule = {
  help: 'pace: "slower" / "慢一点", "faster" / "快一点"',
  apply(text, settings) {
    const slower = /\b(slower|slow(?: it)? down|more slowly|more time|linger)\b|慢一点|慢一些|放慢|慢点/i.test(text);
    const faster = /\b(faster|quicker|speed(?: it)? up|snappier|more quickly)\b|快一点|快一些|加快|快点/i.test(text);
    if (slower === faster) return null;
    const pace = clamp(
      Math.round((slower ? settings.pace * PACE_STEP : settings.pace / PACE_STEP) * 100) / 100,
      0.5,
      2,
    );
    const word = slower ? 'Slower' : 'Faster';
    // An explicit total length would override the pace, so a pace change lets the letter find its own length again.
    return {
      settings: { ...settings, pace, lengthSeconds: null },
      change: `${word} pace: each line stays ${Math.round(pace * 100)}% of its reading time on screen.`,
    };
  },
};

export const lengthRule: EditRule = {
  help: 'length: "make it 45 seconds" / "1 minute long" / "30秒"',
  apply(text, settings) {
    const m = /(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|分钟|秒)(?![a-z])/i.exec(text);
    if (!m?.[1] || !m[2]) return null;
    const minutes = /^(minutes?|mins?|分钟)$/i.test(m[2]);
    const seconds = clamp(Number(m[1]) * (minutes ? 60 : 1), 6, 600);
    return {
      settings: { ...settings, lengthSeconds: seconds },
      change: `Letter length set to about ${seconds} s (never shorter than its text and voice need).`,
    };
  },
};
